import { api } from '../api/client';

/** Secrets are fetched on demand and never cached: each reveal or copy asks the server again. */
export const fetchSecret = async (passwordId: string) => (await api.get<{ secret: string }>(`/passwords/${passwordId}/secret`)).secret;

/** The async Clipboard API needs a secure context; plain-http installs fall back to a hidden text area. */
export async function copyText(text: string) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Permission refused or the document lost focus: try the old way below.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The browser did not allow copying. Reveal the password and copy it by hand.');
}
