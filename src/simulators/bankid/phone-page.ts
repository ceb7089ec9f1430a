/**
 * The simulator's "phone" for people: a page at /sim/ where one pastes a QR string (or reads it
 * with the webcam where the browser has BarcodeDetector), picks a test person and a scenario, and
 * approves. It posts to /sim/scan exactly as the tests do.
 */

export const PHONE_PAGE_HTML = `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>BankID-simulator – telefon</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  textarea, select, button { font: inherit; width: 100%; box-sizing: border-box; padding: .5rem; }
  button { margin-top: 1rem; cursor: pointer; }
  #result { margin-top: 1rem; padding: .75rem; border-radius: .25rem; white-space: pre-wrap; }
  .ok { background: #e6f4ea; } .error { background: #fde7e9; }
  video { width: 100%; margin-top: .5rem; display: none; }
  .note { color: #555; font-size: .9rem; }
</style>
</head>
<body>
<h1>BankID-simulator – telefon</h1>
<p class="note">Testmiljö. Klistra in QR-strängen från kioskens skärm (börjar med <code>bankid.</code>) och godkänn som en testperson.
Ramen måste vara högst 2 sekunder gammal, precis som i BankID-appen.</p>
<form id="scan">
  <label for="qr">QR-sträng</label>
  <textarea id="qr" name="qr" rows="3" required placeholder="bankid.…"></textarea>
  <button type="button" id="camera" hidden>Läs av med kameran</button>
  <video id="video" playsinline muted></video>
  <label for="person">Testperson</label>
  <select id="person" name="person"></select>
  <label for="scenario">Vad händer i appen</label>
  <select id="scenario" name="scenario">
    <option value="">Personens standard (oftast: godkänner)</option>
    <option value="success">Godkänner (success)</option>
    <option value="userCancel">Avbryter (userCancel)</option>
    <option value="certificateErr">BankID spärrat (certificateErr)</option>
    <option value="expiredTransaction">Låter tiden gå ut (expiredTransaction)</option>
    <option value="startFailed">Appen kan inte starta ordern (startFailed)</option>
  </select>
  <button type="submit">Godkänn</button>
</form>
<div id="result" role="status" aria-live="polite"></div>
<script src="/sim/app.js"></script>
</body>
</html>
`;

export const PHONE_PAGE_JS = `'use strict';
(async () => {
  const $ = (id) => document.getElementById(id);
  const result = $('result');
  const show = (ok, text) => { result.className = ok ? 'ok' : 'error'; result.textContent = text; };
  try {
    const persons = await (await fetch('/sim/persons')).json();
    for (const p of persons) {
      const o = document.createElement('option');
      o.value = p.personalNumber;
      o.textContent = p.name + ' (' + p.personalNumber + ') – ' + p.description;
      $('person').append(o);
    }
  } catch { show(false, 'Kunde inte hämta testpersonerna.'); }
  $('scan').addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { qr: $('qr').value.trim(), personalNumber: $('person').value };
    if ($('scenario').value) body.scenario = $('scenario').value;
    try {
      const res = await fetch('/sim/scan', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      const json = await res.json();
      show(res.ok, res.ok ? 'Avläst. Scenario: ' + json.scenario + '. Kiosken visar resultatet inom några sekunder.' : json.message + ' (' + json.error + ')');
    } catch { show(false, 'Simulatorn svarar inte.'); }
  });
  if ('BarcodeDetector' in window && navigator.mediaDevices) {
    const btn = $('camera');
    btn.hidden = false;
    btn.addEventListener('click', async () => {
      const video = $('video');
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      video.srcObject = stream; video.style.display = 'block'; await video.play();
      const detector = new BarcodeDetector({ formats: ['qr_code'] });
      for (let i = 0; i < 600; i++) {
        const codes = await detector.detect(video).catch(() => []);
        const hit = codes.find((c) => c.rawValue.startsWith('bankid.'));
        if (hit) { $('qr').value = hit.rawValue; $('scan').requestSubmit(); break; }
        await new Promise((r) => setTimeout(r, 100));
      }
      stream.getTracks().forEach((t) => t.stop()); video.style.display = 'none';
    });
  }
})();
`;
