import type { speechSv } from './speech.sv';

/** العربية: speech mode (docs/speech.md). Spread into ar.ts. */
export const speechAr: typeof speechSv = {
  speech: {
    startHint: 'هل تريد أن تُقرأ الشاشة بصوت عالٍ؟ اترك إصبعك على الشاشة لحظة، أو اضغط على 5 في لوحة الأرقام.',
    on: 'القراءة الصوتية مفعّلة.',
    off: 'القراءة الصوتية متوقفة.',
    keys: 'اضغط 6 للتالي، و4 للسابق، وEnter للاختيار، و5 للاستماع مرة أخرى، والنقطة للرجوع، و0 للمساعدة.',
    help: 'لوحة الأرقام: 6 أو 2 للانتقال إلى العنصر التالي، و4 أو 8 إلى العنصر السابق. Enter يختار العنصر الحالي. 5 يعيد القراءة. النقطة للرجوع. زائد وناقص لتغيير السرعة، وضرب وقسمة لتغيير مستوى الصوت. 9 يوقف القراءة الصوتية. اكتب النص بلوحة المفاتيح.',
    next: 'اضغط 6 للمتابعة.',
    typeHere: 'اكتب بلوحة المفاتيح. اضغط 6 عندما تنتهي.',
    noBack: 'لا يمكن الرجوع من هنا.',
    nothingToChoose: 'لا يوجد ما يمكن اختياره هنا.',
    top: 'بداية الصفحة.',
    rate: 'السرعة {step} من {steps}.',
    volume: 'مستوى الصوت {step} من {steps}.',
    group: 'مجموعة',
    position: '{n} من {total}',
    role: {
      button: 'زر',
      link: 'رابط',
      radio: 'خيار',
      checkbox: 'مربع اختيار',
      textbox: 'حقل نص',
      select: 'قائمة',
      heading: 'عنوان',
      image: 'صورة',
      dialog: 'نافذة حوار',
    },
    state: {
      selected: 'محدد',
      notSelected: 'غير محدد',
      checked: 'مؤشَّر',
      notChecked: 'غير مؤشَّر',
      required: 'إلزامي',
      invalid: 'خطأ',
      empty: 'فارغ',
      readonly: 'لا يمكن تغييره',
      disabled: 'غير متاح',
      value: 'يحتوي على {value}',
    },
  },
};
