/**
 * Messages of the school's core data: calendar, staff and sign-in, students,
 * risk catalogue, settings. Field errors say what to fix.
 */
import type { AreaCatalogue } from './types';

export const schoolData = {
  lv: {
    'errors.field.date': 'Ievadiet datumu formā dd.mm.gggg.',
    'errors.field.dateOrder': 'Beigu datumam jābūt pēc sākuma datuma.',
    'errors.field.schoolYearId': 'Mācību gadu norādiet formā 2025/26.',
    'errors.calendar.yearStart': 'Mācību gadam jāsākas {{year}}. gadā.',
    'errors.calendar.yearEnd': 'Mācību gadam jābeidzas {{year}}. gadā.',
    'errors.calendar.outsideYear': 'Semestrim jābūt mācību gada robežās.',
    'errors.calendar.semesterOrder': '2. semestrim jāsākas pēc 1. semestra beigām.',
    'errors.calendar.overlap': 'Datumi pārklājas ar mācību gadu {{other}}. Vispirms labojiet to.',

    'errors.field.username': 'Lietotājvārdā 2–64 burti, cipari vai . _ @ -, bez atstarpēm.',
    'errors.field.usernameTaken': 'Šāds lietotājvārds jau ir. Izvēlieties citu.',
    'errors.field.passwordTooShort': 'Parolei jābūt vismaz 10 rakstzīmes garai. Der arī vairāku vārdu frāze.',
    'errors.field.rolesRequired': 'Izvēlieties vismaz vienu lomu.',
    'errors.staff.lastCoordinator': 'Skolā jāpaliek vismaz vienam aktīvam koordinatoram. Vispirms piešķiriet koordinatora lomu citam darbiniekam.',
    'errors.auth.lockedOut': 'Pārāk daudz neveiksmīgu mēģinājumu. Mēģiniet vēlreiz pēc {{minutes}} min vai lūdziet koordinatoram atjaunot paroli.',
    'errors.org.useSetUp': 'Lietotne vēl nav iestatīta: vispirms izveidojiet skolu un tās koordinatoru.',
    'errors.settings.setByPolicy': 'Šo iestatījumu noteicis IT administrators; to nevar mainīt šeit.',

    'errors.field.personalCode': 'Personas kodam jābūt 11 cipariem, piemēram, 120311-21234 vai 321234-56789.',
    'errors.field.personalCodeTaken': 'Skolēns ar šo personas kodu jau ir reģistrā. Meklējiet viņu sarakstā.',
    'warnings.personalCode.checkDigit': 'Personas koda kontrolcipars nesakrīt. Pārbaudiet kodu; ja tas ir pareizs, saglabājiet tāpat.',
    'warnings.personalCode.birthDateMismatch': 'Dzimšanas datums atšķiras no personas kodā norādītā. Pārbaudiet abus.',
    'errors.field.grade': 'Klasei jābūt no 1 līdz 12.',
    'errors.field.course': 'Profesionālajā izglītībā kursam jābūt no 1 līdz 4.',
    'errors.field.leftOnRequired': 'Norādiet datumu, kad skolēns beidza mācīties šajā skolā.',
    'errors.field.phone': 'Tālrunī drīkst būt tikai cipari, atstarpes un + ( ) -.',
    'errors.field.email': 'Ievadiet e-pasta adresi, piemēram, vards@example.lv.',
    'errors.field.tooMany': 'Par daudz ierakstu.',
    'errors.students.changedMeanwhile': 'Kāds cits tikmēr mainīja šī skolēna datus. Atveriet karti no jauna un ievadiet izmaiņas vēlreiz.',

    'errors.risks.notCustom': 'Kataloga riska faktoru nevar dzēst; to var tikai atslēgt.',
    'errors.risks.inUse': 'Šis riska faktors jau izmantots izvērtējumos vai plānos; to var tikai atslēgt.',
  },
  en: {
    'errors.field.date': 'Enter a date as dd.mm.yyyy.',
    'errors.field.dateOrder': 'The end date must be after the start date.',
    'errors.field.schoolYearId': 'Give the school year as 2025/26.',
    'errors.calendar.yearStart': 'The school year must start in {{year}}.',
    'errors.calendar.yearEnd': 'The school year must end in {{year}}.',
    'errors.calendar.outsideYear': 'The semester must lie within the school year.',
    'errors.calendar.semesterOrder': 'Semester 2 must start after semester 1 ends.',
    'errors.calendar.overlap': 'These dates overlap the school year {{other}}. Correct that one first.',

    'errors.field.username': 'A user name has 2–64 letters, digits or . _ @ -, and no spaces.',
    'errors.field.usernameTaken': 'This user name is taken. Choose another.',
    'errors.field.passwordTooShort': 'The password must be at least 10 characters long. A phrase of several words works well.',
    'errors.field.rolesRequired': 'Choose at least one role.',
    'errors.staff.lastCoordinator': 'The school must keep at least one active coordinator. Give another staff member the coordinator role first.',
    'errors.auth.lockedOut': 'Too many failed attempts. Try again in {{minutes}} min, or ask a coordinator to reset the password.',
    'errors.org.useSetUp': 'The app is not set up yet: first create the school and its coordinator.',
    'errors.settings.setByPolicy': 'Your IT administrator has fixed this setting; it cannot be changed here.',

    'errors.field.personalCode': 'A personal code has 11 digits, for example 120311-21234 or 321234-56789.',
    'errors.field.personalCodeTaken': 'A student with this personal code is already in the register. Look them up in the list.',
    'warnings.personalCode.checkDigit': 'The personal code’s check digit does not match. Check the code; if it is right, save it anyway.',
    'warnings.personalCode.birthDateMismatch': 'The birth date differs from the one in the personal code. Check both.',
    'errors.field.grade': 'The grade must be from 1 to 12.',
    'errors.field.course': 'In vocational education the course must be from 1 to 4.',
    'errors.field.leftOnRequired': 'Give the date the student stopped learning at this school.',
    'errors.field.phone': 'A phone number may contain only digits, spaces and + ( ) -.',
    'errors.field.email': 'Enter an e-mail address, for example name@example.lv.',
    'errors.field.tooMany': 'Too many entries.',
    'errors.students.changedMeanwhile': 'Someone else changed this student’s data meanwhile. Open the card again and re-enter your changes.',

    'errors.risks.notCustom': 'A catalogue risk factor cannot be deleted; it can only be retired.',
    'errors.risks.inUse': 'This risk factor is already used in screenings or plans; it can only be retired.',
  },
} as const satisfies AreaCatalogue;
