/**
 * npm run keys:create
 * Adds a new member card signing key (P-256) to MEMBERSHIP_KEY_PATH, creating the file with mode
 * 0600; the previous key is retired (it stays published until its cards have expired). Run it
 * once before issuing cards, and again to rotate. Exit codes: 0 created, 1 the file is unusable.
 */
import { loadConfig } from '../config';
import { NoSigningKeyError, createSigningKey } from '../membership/keys';

const path = loadConfig().membershipKeyPath;
try {
  const { kid, retired } = createSigningKey(path, new Date());
  console.log(`created signing key ${kid} in ${path} (mode 0600)`);
  if (retired.length) console.log(`retired ${retired.join(', ')}: published until the cards they signed expire (31 days)`);
} catch (err) {
  if (!(err instanceof NoSigningKeyError)) throw err;
  console.error(err.message);
  process.exit(1);
}
