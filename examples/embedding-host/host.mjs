// A host page that embeds crm-policy's registration form and receives its webhooks.
// Run: CRM_POLICY_URL=http://localhost:3000 CRM_POLICY_API_KEY=… REP=li.na WEBHOOK_SECRET=whsec_… node host.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

const { CRM_POLICY_URL, CRM_POLICY_API_KEY, REP, WEBHOOK_SECRET, PORT = '8080' } = process.env;
const origin = process.env.HOST_ORIGIN ?? `http://localhost:${PORT}`;
const received = []; // verified webhook events, newest last

/** The signature check of docs/webhooks.md: HMAC-SHA256 of "<timestamp>.<raw body>", five minutes' tolerance. */
function verified(headers, rawBody) {
  const timestamp = headers['x-crm-policy-timestamp'];
  const signature = headers['x-crm-policy-signature'] ?? '';
  if (!timestamp || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', WEBHOOK_SECRET).update(`${timestamp}.${rawBody}`).digest('hex')}`);
  return expected.length === Buffer.byteLength(signature) && timingSafeEqual(expected, Buffer.from(signature));
}

/** Asks crm-policy, server to server with the API key, for a short-lived token for this page. */
async function embedUrl(industry) {
  const response = await fetch(`${CRM_POLICY_URL}/api/embed/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': CRM_POLICY_API_KEY },
    body: JSON.stringify({ rep: REP, origin, industry }),
  });
  if (!response.ok) throw new Error(`minting an embed token failed: ${response.status} ${await response.text()}`);
  return CRM_POLICY_URL + (await response.json()).url;
}

const page = (src) => `<!doctype html><meta charset="utf-8"><title>Our CRM</title>
<h1>New customer</h1>
<iframe id="crm" src="${src}" style="width:100%;border:0;height:200px"></iframe>
<ol id="log"></ol>
<script>
  const frame = document.getElementById('crm');
  addEventListener('message', (event) => {
    if (event.origin !== ${JSON.stringify(CRM_POLICY_URL)} || event.data?.source !== 'crm-policy') return;
    const { type, height, detail } = event.data;
    if (type === 'ready') frame.contentWindow.postMessage({ type: 'crm-policy:style', variables: { '--crm-primary': '#0a7d55', '--crm-radius': '2px' } }, event.origin);
    if (type === 'resize') frame.style.height = height + 'px';
    if (['registered', 'duplicate', 'already-yours', 'not-eligible'].includes(type)) {
      const item = document.createElement('li');
      item.textContent = type + ': ' + (detail.claim?.customerName ?? detail.customer?.customerName ?? detail.holder?.name ?? detail.reasons?.join('; '));
      document.getElementById('log').append(item);
    }
  });
</script>`;

createServer(async (request, response) => {
  try {
    if (request.method === 'GET' && request.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(await embedUrl('software')));
    } else if (request.method === 'POST' && request.url === '/webhooks/crm-policy') {
      let body = '';
      for await (const chunk of request) body += chunk;
      if (!verified(request.headers, body)) return void response.writeHead(401).end();
      received.push(JSON.parse(body));
      response.writeHead(204).end();
    } else if (request.method === 'GET' && request.url === '/webhooks/received') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
    } else {
      response.writeHead(404).end();
    }
  } catch (error) {
    response.writeHead(502, { 'content-type': 'text/plain' }).end(String(error.message));
  }
}).listen(Number(PORT), () => console.log(`host page on ${origin}`));
