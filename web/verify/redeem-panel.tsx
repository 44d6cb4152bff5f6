/**
 * After a valid scan: the merchant picks which of its approved offers is being used. The use is
 * recorded on the phone first and sent when possible (exactly once); a second use within the
 * offer's limit is flagged — by this phone's own records offline, by the server once sent.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CardView } from '../../data/membership/card-token';
import type { CardKey, CardT } from '../card/messages';
import { flushRedemptions, myOffers, queuedRedemptions, recordRedemption, type CachedOffer } from '../lib/redemption-queue';

export function RedeemPanel({ card, token, t }: { card: CardView; token: string; t: CardT }) {
  const [offers, setOffers] = useState<CachedOffer[] | null | undefined>(undefined);
  const [notes, setNotes] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => void myOffers().then(setOffers, () => setOffers([])), []);
  const use = async (o: CachedOffer) => {
    setBusy(true);
    const clientId = crypto.randomUUID();
    const seen = await recordRedemption({ kind: o.kind, clientId, token, cardId: card.id, offerId: o.id, offerTitle: o.title, at: new Date().toISOString() }, o.limit);
    await flushRedemptions();
    const item = (await queuedRedemptions()).find((q) => q.clientId === clientId)!;
    const lines = [
      item.state === 'sent' ? t('redeemSent', { title: o.title }) : item.state === 'refused' ? t('redeemRefused', { title: o.title, why: item.error ?? '' }) : t('redeemQueued', { title: o.title }),
    ];
    if (item.flagged || (seen && item.state !== 'refused')) lines.push(t('redeemFlagged', { title: o.title, where: t(item.state === 'sent' ? 'whereServer' : 'whereDevice') }));
    setNotes(lines);
    setBusy(false);
  };
  if (offers === undefined) return null;
  return (
    <section class="redeem" aria-labelledby="redeem-title">
      <h2 id="redeem-title">{t('redeemTitle')}</h2>
      {offers === null && <p class="card-note">{t('redeemSignIn')}</p>}
      {offers?.length === 0 && <p class="card-note">{t('redeemNone')}</p>}
      {offers?.map((o) => (
        <button type="button" key={o.id} class="btn btn-secondary btn-block" disabled={busy} onClick={() => void use(o)}>
          {t('redeemAs', { title: o.title, shop: o.kind === 'benefit' ? t('benefitsTitle') : o.shop })}{o.limit ? ` · ${t(`limit_${o.limit}` as CardKey)}` : ''}
        </button>
      ))}
      {notes.map((n) => <p key={n} class="card-status" role="status">{n}</p>)}
    </section>
  );
}
