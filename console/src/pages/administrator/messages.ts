import type { Messages } from '../../i18n';

export const messages: Messages = {
  id: {
    nav: { home: 'Beranda' },
    home: { title: 'Beranda Administrator', description: '' },
  },
  en: {
    nav: { home: 'Home' },
    home: { title: 'Administrator home', description: '' },
  },
};
