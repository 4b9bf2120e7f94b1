import type { Messages } from '../../i18n';

export const messages: Messages = {
  id: {
    nav: { home: 'Beranda' },
    home: { title: 'Beranda Penerbit', description: '' },
  },
  en: {
    nav: { home: 'Home' },
    home: { title: 'Publisher home', description: '' },
  },
};
