import type { MessageSchema } from './message-schema';

/** العربية: the display controls, the on-screen keyboard, flow language, extra time, the statement. */
export const accessibilityAr: Pick<MessageSchema, 'a11y'> = {
  a11y: {
    display: {
      label: 'العرض',
      textSize: 'حجم النص',
      textSizeOption: '{size} %',
      highContrast: 'تباين عالٍ',
      contrast: 'التباين',
      done: 'تم',
    },
    keyboard: {
      label: 'لوحة المفاتيح على الشاشة',
      hide: 'إخفاء لوحة المفاتيح',
      show: 'إظهار لوحة المفاتيح',
      shift: 'حروف كبيرة',
      backspace: 'حذف',
      space: 'مسافة',
      newline: 'سطر جديد',
      symbols: 'أرقام ورموز',
      letters: 'حروف',
    },
    flowLanguage: {
      sv: 'هذه الخدمة متوفرة باللغة السويدية فقط.',
      en: 'هذه الخدمة متوفرة باللغة الإنجليزية فقط.',
    },
    timing: {
      moreSeconds: 'أحتاج إلى وقت إضافي ({seconds} ثانية)',
    },
    statement: {
      link: 'بيان إمكانية الوصول',
      heading: 'بيان إمكانية الوصول',
      onlyIn: {
        sv: 'هذا البيان متوفر باللغة السويدية فقط.',
        en: 'هذا البيان متوفر باللغة الإنجليزية فقط.',
      },
      reportHeading: 'الإبلاغ عن المشكلات',
      reportIntro: 'إذا وجدت مشكلات غير مذكورة هنا، أو كنت بحاجة إلى المحتوى بطريقة أخرى، فتواصل معنا:',
      email: 'البريد الإلكتروني: {email}',
      phone: 'الهاتف: {phone}',
      reportReception: 'يمكنك أيضًا إخبار الموظفين في مكتب الاستقبال.',
      supervisionHeading: 'الرقابة',
      supervision:
        'تتولى هيئة الإدارة الرقمية (DIGG) الرقابة على القانون السويدي الخاص بإمكانية الوصول إلى الخدمات العامة الرقمية. إذا لم تكن راضيًا عن طريقة تعاملنا مع ملاحظاتك، يمكنك تقديم بلاغ إلى الهيئة عبر الموقع digg.se/tdosanmalan.',
      reviewed: 'تمت مراجعة هذا البيان آخر مرة في {date}.',
    },
  },
};
