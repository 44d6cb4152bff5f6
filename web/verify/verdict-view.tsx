/** The verdict, big and unambiguous: a symbol and words (never colour alone), and the card's facts. */
import type { Locale } from '../i18n';
import type { LocalVerdict } from '../lib/verifier-cache';
import { groupCardNumber } from '../card/card-number';
import type { CardKey, CardT } from '../card/messages';

export function VerdictView({ verdict, t, locale }: { verdict: LocalVerdict; t: CardT; locale: Locale }) {
  const key = (verdict.valid ? 'v_valid' : `v_${verdict.reason}`) as CardKey;
  const card = verdict.card;
  return (
    <section class={`verdict ${verdict.valid ? 'verdict-ok' : 'verdict-bad'}`} role="alert" aria-live="assertive" data-verdict={verdict.valid ? 'valid' : verdict.reason}>
      <p class="verdict-title">{t(key)}</p>
      {card && (
        <dl class="member-card-facts">
          <div><dt>{t('memberName')}</dt><dd class="member-card-name">{card.name}</dd></div>
          <div><dt>{t('cardNumber')}</dt><dd class="member-card-number">{groupCardNumber(card.id)}</dd></div>
          <div><dt>{t('issuer')}</dt><dd>{card.org}</dd></div>
          <div><dt>{t('validUntil')}</dt><dd>{new Date(card.expiresAt).toLocaleString(locale)}</dd></div>
        </dl>
      )}
      <p>{verdict.valid ? t('v_validHint') : t('v_invalidHint')}</p>
    </section>
  );
}
