/** The Freja simulator's phone page: paste the QR string, choose a test person and what they do. */
export const FREJA_PHONE_PAGE_HTML = `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Freja eID+ simulator – telefon</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
<h1>Freja eID+ simulator (testdata)</h1>
<form id="scan">
  <p><label for="qr">QR-kodens text</label><br><textarea id="qr" rows="4" cols="60" required></textarea></p>
  <p><label for="person">Testperson</label><br><select id="person"></select></p>
  <p><label for="scenario">Vad personen gör i appen</label><br>
    <select id="scenario">
      <option value="">personens standard</option>
      <option value="approve">godkänner</option>
      <option value="reject">avböjer</option>
      <option value="cancel">avbryter</option>
      <option value="expire">låter tiden gå ut</option>
    </select></p>
  <p><button type="submit">Skanna</button></p>
</form>
<p id="result" role="status"></p>
<script src="/sim/app.js"></script>
</body></html>`;

export const FREJA_PHONE_PAGE_JS = `
const person = document.getElementById('person');
fetch('/sim/persons').then((r) => r.json()).then((list) => {
  for (const p of list) {
    const o = document.createElement('option');
    o.value = p.personalNumber;
    o.textContent = p.name + ' (' + p.registrationLevel + ')';
    person.appendChild(o);
  }
});
document.getElementById('scan').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = { qr: document.getElementById('qr').value.trim(), personalNumber: person.value };
  const scenario = document.getElementById('scenario').value;
  if (scenario) body.scenario = scenario;
  const r = await fetch('/sim/scan', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const j = await r.json();
  document.getElementById('result').textContent = r.ok ? 'Skannad: ' + j.scenario : 'Fel: ' + j.message;
});
`;
