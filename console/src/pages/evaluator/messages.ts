import type { Messages } from '../../i18n';

export const messages: Messages = {
  id: {
    nav: { home: 'Beranda' },
    home: { title: 'Beranda Evaluator', description: '' },
  },
  en: {
    nav: { home: 'Home' },
    home: { title: 'Evaluator home', description: '' },
  },
};
