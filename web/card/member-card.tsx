/**
 * The member card as shown at the counter: masked name, card number, union, valid until, a large
 * QR of the signed token (lean-qr, drawn pixel-exact and scaled by CSS), a brightness hint and a
 * clock with moving seconds — the live element a screenshot lacks. An expired card says so.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { generate } from 'lean-qr';
import type { Locale } from '../i18n';
import type { StoredCard } from '../lib/membership-store';
import { groupCardNumber } from './card-number';
import type { CardT } from './messages';

const WEEK_MS = 7 * 86_400_000;

export function MemberCardView({ card, t, locale }: { card: StoredCard; t: CardT; locale: Locale }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const expired = now >= Date.parse(card.expiresAt);
  useEffect(() => {
    if (canvas.current && !expired) generate(card.token).toCanvas(canvas.current, { pad: 4, on: [0, 0, 0, 255], off: [255, 255, 255, 255] });
  }, [card.token, expired]);
  const date = (iso: string | number) => new Date(iso).toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' });
  const time = new Date(now).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return (
    <section class="member-card" aria-labelledby="member-card-name">
      <dl class="member-card-facts">
        <div><dt>{t('memberName')}</dt><dd id="member-card-name" class="member-card-name">{card.name}</dd></div>
        <div><dt>{t('cardNumber')}</dt><dd class="member-card-number">{groupCardNumber(card.id)}</dd></div>
        <div><dt>{t('issuer')}</dt><dd>{card.org}</dd></div>
        <div><dt>{t('validUntil')}</dt><dd>{date(card.expiresAt)}</dd></div>
      </dl>
      {expired ? (
        <p class="member-card-expired" role="alert">{t('expired')}</p>
      ) : (
        <>
          <canvas ref={canvas} class="member-card-qr" role="img" aria-label={t('qrLabel', { number: groupCardNumber(card.id) })} data-token={card.token} />
          <p class="member-card-clock" aria-live="off"><span>{t('liveClock')}</span> <time>{time}</time><span class="member-card-tick" aria-hidden="true" /></p>
          <p class="member-card-hint">☀ {t('brightness')}</p>
          {Date.parse(card.expiresAt) - now < WEEK_MS && <p class="member-card-hint">{t('renewSoon', { date: date(card.expiresAt) })}</p>}
        </>
      )}
      <CardLists card={card} t={t} date={date} locale={locale} />
    </section>
  );
}

/** The union benefits reaching the member and their latest uses of offers, as saved with the card. */
function CardLists({ card, t, date, locale }: { card: StoredCard; t: CardT; date: (iso: string) => string; locale: Locale }) {
  return (
    <>
      {!!card.benefits?.length && (
        <section class="member-benefits" aria-labelledby="member-benefits-title">
          <h2 id="member-benefits-title">{t('benefitsTitle')}</h2>
          <ul>
            {card.benefits.map((b) => (
              <li key={b.id}>
                <strong>{b.title}</strong> · {b.used ? t('benefitUsed') : t('benefitUntil', { date: date(b.validTo) })}
                {b.description && <p>{b.description}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {!!card.uses?.length && (
        <section class="member-benefits" aria-labelledby="member-uses-title">
          <h2 id="member-uses-title">{t('usesTitle')}</h2>
          <ul>
            {card.uses.map((u) => <li key={u.id}>{new Date(u.at).toLocaleString(locale)} · {u.offerTitle ?? '—'} · {u.merchantName ?? '—'}</li>)}
          </ul>
        </section>
      )}
    </>
  );
}
