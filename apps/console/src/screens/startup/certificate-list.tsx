import type { ApplicationsApi } from '@exchange/sdk/browser';
import { formatDate } from '../../i18n/format';
import { useLanguage, useText } from '../../i18n/language';
import { DataTable } from '../../ui/lists';
import { startupText } from './messages';

type Certification = ApplicationsApi.components['schemas']['CertificationResponse'];

/** Verified (issued by a certification body on the exchange), revoked, or only declared by the startup: said in words. */
function Standing({ certificate }: { certificate: Certification }) {
  const t = useText(startupText);
  const { language } = useLanguage();
  if (certificate.revokedAt) return <span className="badge danger">{t('REVOKED', { date: formatDate(certificate.revokedAt, language) })}</span>;
  if (certificate.verified) return <span className="badge ok">{t('VERIFIED')}</span>;
  return <span className="badge">{t('SELF_DECLARED')}</span>;
}

export function CertificateList({ certificates }: { certificates: Certification[] }) {
  const t = useText(startupText);
  const { language } = useLanguage();
  return (
    <DataTable<Certification>
      caption={t('CERTIFICATES_CAPTION')}
      rows={certificates}
      rowKey={(c) => c.id}
      columns={[
        {
          header: t('COLUMN_CERTIFICATE'),
          cell: (c) => (
            <>
              {c.kind}
              {c.certificateNumber && <div className="code">{c.certificateNumber}</div>}
              {c.verificationCode && <div className="code">{t('VERIFICATION_CODE', { code: c.verificationCode })}</div>}
            </>
          ),
        },
        { header: t('COLUMN_ISSUER'), cell: (c) => c.issuer },
        { header: t('COLUMN_GRADE'), cell: (c) => c.grade ?? '—' },
        {
          header: t('COLUMN_VALIDITY'),
          cell: (c) => t('VALIDITY', { from: formatDate(c.validFrom, language), until: c.validUntil ? formatDate(c.validUntil, language) : t('OPEN_ENDED') }),
        },
        { header: t('COLUMN_STANDING'), cell: (c) => <Standing certificate={c} /> },
      ]}
    />
  );
}
