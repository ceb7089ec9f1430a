/**
 * The accessibility statement (tillgänglighetsredogörelse): the text IT writes in config
 * (`accessibility.statement`, per language) or the kiosk's own default below. Only headings (`## `,
 * `### `) are understood here; the text under each is rendered by FlowText (paragraphs, `- ` lists,
 * **bold**), always as text and never as HTML, like the e-services' info texts.
 */

export interface StatementSection {
  /** null: text before the first heading. */
  heading: string | null;
  /** 2 for `#`/`##` (the screen's own heading is the only h1), 3 for `###` and deeper. */
  level: 2 | 3;
  body: string;
}

export function statementSections(markdown: string): StatementSection[] {
  const sections: StatementSection[] = [];
  let current: StatementSection = { heading: null, level: 2, body: '' };
  let lines: string[] = [];
  const flush = (): void => {
    current.body = lines.join('\n').trim();
    if (current.heading !== null || current.body !== '') sections.push(current);
    lines = [];
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^\s*(#{1,6})\s+(.+?)\s*#*\s*$/.exec(raw);
    if (heading?.[1] && heading[2]) {
      flush();
      current = { heading: heading[2], level: heading[1].length >= 3 ? 3 : 2, body: '' };
    } else {
      lines.push(raw);
    }
  }
  flush();
  return sections;
}

/**
 * The kiosk's own statement, for a kiosk whose config has none: what the kiosk offers, what it does
 * not, and that it was built to WCAG 2.1 AA. `{municipality}` is filled in. The contact for reports,
 * the supervising authority and the review date are added by the screen from config.
 */
export const DEFAULT_STATEMENT: Record<'sv' | 'en' | 'ar', string> = {
  sv: `{municipality} står bakom den här kiosken. Vi vill att så många som möjligt ska kunna använda den. Här beskriver vi hur kiosken uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du kan rapportera problem.

## Så kan du anpassa kiosken
- **Textstorlek:** högst upp på varje skärm kan du välja 100, 150 eller 200 procent.
- **Hög kontrast:** knappen Hög kontrast ger ljus text på svart bakgrund och tydligare kanter.
- **Skärmtangentbord:** när du trycker i ett textfält visas ett tangentbord med å, ä och ö. Fält för siffror får ett sifferblock. Du kan dölja tangentbordet och visa det igen.
- **Mer tid:** när kiosken frågar om du är kvar kan du be om mer tid, så många gånger du behöver.
- **Tangentbord och kontakt:** allt i kiosken kan också styras med tangentbord eller kontakt (switch), i en logisk ordning.
- **Uppläsning:** kiosken kan läsa upp varje skärm med svensk, engelsk eller arabisk röst, i högtalaren eller i dina egna hörlurar. Håll fingret på startskärmen en stund, eller tryck på 5 på sifferknappsatsen (tangenten med en upphöjd prick). Med knappsatsen går du framåt (6) och bakåt (4), väljer (Enter), hör igen (5), går tillbaka (punkt), får hjälp (0) och ändrar hastighet (plus och minus) och volym (gånger och delat med). Sätter du i hörlurar slås uppläsningen på av sig själv. I ett textfält trycker du Enter och skriver med skärmtangentbordet via knappsatsen: 6 och 4 flyttar åt höger och vänster, 8 och 2 upp och ner, Enter skriver tangenten och varje tecken läses upp. Personnummer, datum och ärendenummer läses upp i grupper, som en människa läser dem.
- **Språk:** svenska och engelska. Kioskens egna texter finns också på arabiska; e-tjänsterna visas då på engelska.

## Hur tillgänglig är kiosken?
Kiosken är byggd för att uppfylla kraven i WCAG 2.1 på nivå AA och kontrolleras med automatiska tester på varje skärm, på alla språk, i alla textstorlekar och med hög kontrast. Skärmläsare får rubriker, etiketter och felmeddelanden som talar om var du är och vad som behöver rättas.

Blanketter och kvitton är taggade PDF-filer. En skärmläsare läser rubriker, text och listor i rätt ordning, och varje fält i en blankett har sin fråga som namn. De finns på svenska och engelska.

## Kända brister
- Kiosken märker hörlurar bara där datorns ljuduttag känner av dem (Linux-datorer med PulseAudio eller PipeWire, inte Windows-datorer). Annars slår du på uppläsningen med 5 på knappsatsen eller ett långt tryck på startskärmen.
- Mobilt BankID kräver att du skannar en QR-kod med din egen telefon. Om det inte går kan du göra ärendet på en blankett med hjälp av personalen.
- E-tjänsterna finns bara på svenska och engelska.`,
  en: `{municipality} is responsible for this kiosk. We want as many people as possible to be able to use it. This statement describes how the kiosk meets the Swedish act (2018:1937) on accessibility of digital public services, which shortcomings we know of, and how you can report problems.

## How you can adjust the kiosk
- **Text size:** at the top of every screen you can choose 100, 150 or 200 per cent.
- **High contrast:** the High contrast button gives light text on a black background and clearer edges.
- **On-screen keyboard:** when you tap a text field, a keyboard with the Swedish letters å, ä and ö appears. Fields for numbers get a number pad. You can hide the keyboard and show it again.
- **More time:** when the kiosk asks whether you are still there, you can ask for more time, as many times as you need.
- **Keyboard and switch:** everything in the kiosk can also be operated with a keyboard or a switch, in a logical order.
- **Reading aloud:** the kiosk can read every screen aloud in a Swedish, English or Arabic voice, through its loudspeaker or your own headphones. Keep your finger on the start screen for a moment, or press 5 on the number keypad (the key with a raised dot). With the keypad you go forward (6) and back (4), choose (Enter), hear it again (5), go back a screen (point), get help (0) and change the speed (plus and minus) and volume (times and divide). Plugging in headphones turns reading aloud on by itself. In a text field, press Enter and type with the on-screen keyboard from the keypad: 6 and 4 move right and left, 8 and 2 up and down, Enter types the key and every character is read aloud. Personal identity numbers, dates and case numbers are read in groups, the way a person reads them.
- **Languages:** Swedish and English. The kiosk's own texts are also available in Arabic; the e-services are then shown in English.

## How accessible is the kiosk?
The kiosk is built to meet the requirements of WCAG 2.1 at level AA and is checked with automated tests on every screen, in every language, at every text size and in high contrast. Screen readers get headings, labels and error messages that tell you where you are and what needs correcting.

Forms and receipts are tagged PDF files. A screen reader reads their headings, text and lists in the right order, and every field of a form has its question as its name. They are available in Swedish and English.

## Known shortcomings
- The kiosk notices headphones only where the computer's audio jack senses them (Linux computers with PulseAudio or PipeWire, not Windows computers). Otherwise turn reading aloud on with 5 on the keypad or a long press on the start screen.
- Mobile BankID requires you to scan a QR code with your own phone. If you cannot, you can make your application on a paper form with the help of the staff.
- The e-services are only available in Swedish and English.`,
  ar: `تتولى {municipality} مسؤولية هذا الجهاز. نريد أن يتمكن أكبر عدد ممكن من الناس من استخدامه. يصف هذا البيان كيف يفي الجهاز بالقانون السويدي (2018:1937) الخاص بإمكانية الوصول إلى الخدمات العامة الرقمية، وأوجه القصور التي نعرفها، وكيف يمكنك الإبلاغ عن المشكلات.

## كيف يمكنك ضبط الجهاز
- **حجم النص:** في أعلى كل شاشة يمكنك اختيار 100 أو 150 أو 200 بالمئة.
- **تباين عالٍ:** يعرض زر التباين العالي نصًا فاتحًا على خلفية سوداء مع حواف أوضح.
- **لوحة المفاتيح على الشاشة:** عندما تضغط على حقل نصي تظهر لوحة مفاتيح فيها الحروف السويدية å وä وö. وتظهر لوحة أرقام للحقول الرقمية. يمكنك إخفاء لوحة المفاتيح وإظهارها مرة أخرى.
- **وقت إضافي:** عندما يسألك الجهاز هل ما زلت هنا، يمكنك طلب وقت إضافي كلما احتجت إلى ذلك.
- **لوحة المفاتيح والمفتاح الخارجي:** يمكن أيضًا تشغيل كل ما في الجهاز بلوحة مفاتيح أو بمفتاح خارجي (switch)، بترتيب منطقي.
- **القراءة الصوتية:** يستطيع الجهاز قراءة كل شاشة بصوت سويدي أو إنجليزي أو عربي، عبر السماعة أو عبر سماعات الرأس الخاصة بك. اترك إصبعك على شاشة البداية لحظة، أو اضغط على 5 في لوحة الأرقام (المفتاح الذي عليه نقطة بارزة). بلوحة الأرقام تنتقل إلى الأمام (6) وإلى الخلف (4)، وتختار (Enter)، وتستمع مرة أخرى (5)، وترجع (النقطة)، وتطلب المساعدة (0)، وتغيّر السرعة (زائد وناقص) ومستوى الصوت (ضرب وقسمة). عند توصيل سماعات الرأس تبدأ القراءة الصوتية من تلقاء نفسها. في حقل نصي اضغط Enter واكتب بلوحة المفاتيح على الشاشة عبر لوحة الأرقام: 6 و4 للانتقال يمينًا ويسارًا، و8 و2 للأعلى والأسفل، وEnter يكتب المفتاح، ويُقرأ كل حرف بصوت عالٍ. تُقرأ أرقام الهوية الشخصية والتواريخ وأرقام القضايا في مجموعات، كما يقرؤها الإنسان.
- **اللغات:** السويدية والإنجليزية. نصوص الجهاز نفسه متوفرة أيضًا بالعربية، وتُعرض الخدمات الإلكترونية عندها بالإنجليزية.

## ما مدى إمكانية الوصول إلى الجهاز؟
صُمّم الجهاز ليفي بمتطلبات WCAG 2.1 على المستوى AA، ويُفحص باختبارات آلية على كل شاشة، بكل اللغات، وبكل أحجام النص، ومع التباين العالي. تحصل برامج قراءة الشاشة على عناوين وتسميات ورسائل خطأ تخبرك أين أنت وما الذي يحتاج إلى تصحيح.

الاستمارات والإيصالات ملفات PDF موسومة. يقرأ برنامج قراءة الشاشة عناوينها ونصوصها وقوائمها بالترتيب الصحيح، ولكل حقل في الاستمارة سؤاله اسمًا له. وهي متوفرة بالسويدية والإنجليزية.

## أوجه القصور المعروفة
- يلاحظ الجهاز سماعات الرأس فقط حيث يستشعرها مقبس الصوت في الحاسوب (حواسيب Linux مع PulseAudio أو PipeWire، وليس حواسيب Windows). وإلا فشغّل القراءة الصوتية بالمفتاح 5 في لوحة الأرقام أو بضغطة طويلة على شاشة البداية.
- يتطلب BankID على الهاتف أن تمسح رمز QR بهاتفك الشخصي. إذا تعذّر ذلك، يمكنك تقديم طلبك على استمارة ورقية بمساعدة الموظفين.
- الخدمات الإلكترونية متوفرة بالسويدية والإنجليزية فقط.`,
};
