import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';

export function Home() {
  const { t } = useTranslation('evaluator');
  return <PageHeader title={t('home.title')} />;
}
