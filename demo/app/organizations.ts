// The embedded page's organizations: <ciam-org-switcher> (in the page, under the sign-in card, where it also
// greets an invitation link) moves this tab between the user's organizations without leaving the page, and the
// demo API answers per organization (demo/op/organizations-api.ts). The
// admin tools show only for admins, as an app would hide them; the API checks the token's organization and
// role whatever the page shows.
import { getClient } from '../../src/index.js';
import type { CiamLogin, Organization } from '../../src/index.js';
import { element } from './chrome.js';

const login = document.querySelector<CiamLogin>('ciam-login')!;
const client = () => getClient({ authority: login.authority, clientId: login.clientId });
const api = () => `${login.authority}/api/organizations`;

let current: Organization | null = null;
/** Someone with an account is signed in (not a guest): told by the events, which come before the card re-renders. */
let signedIn = false;

const where = element('p', { className: 'org-where' });
const report = element('button', { type: 'button', className: 'payout', textContent: 'Show the organization’s report' });
const answer = element('p', { className: 'org-answer', role: 'status' });
// Made by hand: element()'s props type over <input>'s and <select>'s autocomplete unions is too large for tsc.
const email = document.createElement('input');
Object.assign(email, { type: 'email', name: 'invite-email', required: true });
const role = document.createElement('select');
role.name = 'invite-role';
role.append(...['member', 'delegate', 'admin'].map((value) => element('option', { value, textContent: value[0].toUpperCase() + value.slice(1) })));
const labelled = (text: string, control: HTMLElement) => {
  const label = document.createElement('label');
  label.append(text, control);
  return label;
};
const invite = element(
  'form',
  { className: 'org-invite' },
  element('h3', { textContent: 'Invite someone' }),
  labelled('Email', email),
  labelled('Role', role),
  element('button', { type: 'submit', className: 'payout', textContent: 'Send invitation' }),
);
const members = element('ul', { className: 'org-members' });
const admin = element('div', { className: 'org-admin', hidden: true }, element('h3', { textContent: 'Members' }), members, invite);
const section = element(
  'section',
  { className: 'organizations', hidden: true },
  element('h2', { textContent: 'Your organization' }),
  where,
  report,
  admin,
  answer,
);
document.querySelector('main')!.append(section);

function show() {
  section.hidden = !signedIn;
  where.textContent = current
    ? `This tab works in ${current.name} as ${current.roles.join(', ') || 'a member'}.`
    : 'This tab works in no organization (a personal sign-in).';
  report.hidden = !current;
  admin.hidden = !current?.roles.includes('admin');
  if (!admin.hidden) void showMembers();
}

interface Member {
  sub: string;
  name: string;
  email: string;
  roles: string[];
}

async function showMembers() {
  if (!current) return;
  const { status, body } = await call(`/${encodeURIComponent(current.id)}/members`);
  const list = status === 200 ? (body as unknown as Member[]) : [];
  members.replaceChildren(
    ...list.map((member) => {
      const remove = element('button', { type: 'button', className: 'payout', textContent: `Remove ${member.name || member.email}` });
      remove.addEventListener('click', () => void removeMember(member));
      return element('li', {}, `${member.name || member.email} (${member.email}) · ${member.roles.join(', ')} `, remove);
    }),
  );
}

async function removeMember(member: Member) {
  if (!current) return;
  const { status, body } = await call(`/${encodeURIComponent(current.id)}/members/${encodeURIComponent(member.sub)}`, { method: 'DELETE' });
  answer.textContent = status === 204 ? `${member.name || member.email} is no longer a member.` : `The API refused (${status} ${String(body.error)}).`;
  await showMembers();
}

/** What the API says, status and error code included: the page hides nothing the server decides. */
async function call(path: string, init?: RequestInit) {
  const response = await client().fetch(`${api()}${path}`, init);
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, body };
}

report.addEventListener('click', () => void showReport());
async function showReport() {
  if (!current) return;
  answer.textContent = '';
  const { status, body } = await call(`/${encodeURIComponent(current.id)}/report`);
  const organization = body.organization as { name?: string } | undefined;
  answer.textContent =
    status === 200
      ? `${organization?.name}: ${String(body.members)} members, ${String(body.admins)} admins.`
      : `The API refused (${status} ${String(body.error)}).`;
  if (status === 200) await showMembers(); // the counts and the list agree
}

invite.addEventListener('submit', (event) => {
  event.preventDefault();
  void sendInvitation();
});
async function sendInvitation() {
  if (!current) return;
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: email.value, role: role.value }) };
  const { status, body } = await call(`/${encodeURIComponent(current.id)}/invitations`, init);
  answer.textContent =
    status === 201 ? `Invitation sent to ${String(body.email)} as ${String(body.role)}.` : `The API refused (${status} ${String(body.error)}).`;
  if (status === 201) email.value = '';
  await showMembers();
}

document.addEventListener('ciam-org-changed', (event) => {
  current = (event as CustomEvent<{ organization: Organization | null }>).detail.organization;
  answer.textContent = '';
  show();
});
document.addEventListener('ciam-signed-in', (event) => {
  signedIn = event.detail.user.claims.is_anonymous !== true;
  show();
});
document.addEventListener('ciam-signed-out', () => {
  signedIn = false;
  show();
});
show();
