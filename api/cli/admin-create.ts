/**
 * npm run admin:create -- --email E [--name N]
 * Creates an admin account in the store (DATABASE_URL, else DATABASE_PATH). The password comes from stdin (first line, when
 * piped) or from a hidden prompt on a terminal; it is stored only as a salted scrypt hash.
 * Exit codes: 0 created, 1 the email already has an account, 2 bad usage or input.
 */
import { parseArgs } from 'node:util';
import { createAccount, emailSchema, nameSchema, passwordSchema } from '../auth/accounts';
import { MIN_PASSWORD_LENGTH } from '../auth/password';
import { loadConfig } from '../config';
import { describeLocation, openStore, storeLocation } from '../store/open';

const USAGE = 'usage: npm run admin:create -- --email E [--name N]   (password on stdin, or typed at the prompt)';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish(), resolve(typed);
        if (ch === '\u0003' || ch === '\u0004') return finish(), reject(new Error('cancelled'));
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of piped stdin. */
async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdinLine();
  const first = await promptHidden(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const again = await promptHidden('Repeat the password: ');
  if (first !== again) fail('The two passwords differ; nothing was created.');
  return first;
}

const { values } = (() => {
  try {
    return parseArgs({ options: { email: { type: 'string' }, name: { type: 'string', default: 'Admin' } } });
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`);
  }
})();
if (!values.email) fail(`--email is required\n${USAGE}`);
const email = emailSchema.safeParse(values.email);
if (!email.success) fail(`--email: ${email.error.issues[0].message}`);
const name = nameSchema.safeParse(values.name);
if (!name.success) fail(`--name: ${name.error.issues[0].message}`);
const password = passwordSchema.safeParse(await readPassword().catch(() => fail('Cancelled; nothing was created.')));
if (!password.success) fail(`password: ${password.error.issues[0].message}; nothing was created.`);

const config = loadConfig();
const where = storeLocation(config);
const store = await openStore(where, { listen: false });
const user = await createAccount(store, { email: email.data, password: password.data, name: name.data, role: 'admin' }, new Date());
await store.close();
if (!user) fail(`An account with the email ${email.data} already exists in ${describeLocation(where)}; nothing was created.`, 1);
console.log(`Created admin account ${user.email} (id ${user.id}) in ${describeLocation(where)}.`);
