/** Request bodies of the journey: what each party would type into its own system, typed by the SDK. */
import { randomUUID } from 'node:crypto';
import type { ApplicationsApi, CohortsApi, PilotsApi } from '@exchange/sdk';

type Applications = ApplicationsApi.components['schemas'];
type Pilots = PilotsApi.components['schemas'];
type Cohorts = CohortsApi.components['schemas'];

const DAY = 86_400_000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

const rubric = {
  criteria: [
    { key: 'innovation', label: 'Innovation', weight: 2 },
    { key: 'clinical_fit', label: 'Clinical fit', weight: 2 },
    { key: 'team', label: 'Team', weight: 1 },
  ],
  scaleMin: 1,
  scaleMax: 10,
};

/** The kind of certificate the Korean innovation association issues, and its grades, lowest first. */
export const innovationGrades: Applications['SetGradeScaleDto'] = { kind: 'innovation_certificate', grades: ['A', 'AA', 'AAA'] };

/**
 * The city agency's pilot programme: Korean and Russian medtech startups test at Moscow hospitals. Given
 * the Korean innovation association (the journey), the agency trusts its certificate: the programme asks
 * for one of grade AA or better issued by that body (one the startup declares itself does not count).
 */
export function pilotProgramme(partnerOrgId: string, certificationBodyId?: string): Applications['CreateProgrammeDto'] {
  return {
    name: 'Пилотирование в больницах Москвы 2027',
    nameLatin: 'Moscow hospital pilots 2027',
    description: 'Startups test their products in Moscow city hospitals for 30–90 days.',
    kind: 'pilot',
    partnerOrganisationIds: [partnerOrgId],
    hostCountry: 'RU',
    hostCity: 'Moscow',
    timeZone: 'Europe/Moscow',
    opensAt: iso(-1),
    closesAt: iso(30),
    capacity: 20,
    eligibility: {
      countries: ['KR', 'RU'],
      technologyFields: ['medtech', 'ai'],
      minTrl: 5,
      maxTrl: 8,
      maxCompanyAgeYears: 7,
      ...(certificationBodyId ? { requiredCertification: { kind: innovationGrades.kind, minGrade: 'AA', issuerOrganisationIds: [certificationBodyId] } } : {}),
    },
    rubric,
    reviewsRequired: 3,
  };
}

/** The Seoul accelerator's programme, whose cohorts the association partners in. */
export function acceleratorProgramme(partnerOrgId: string): Applications['CreateProgrammeDto'] {
  return {
    name: '서울 글로벌 액셀러레이션 2027',
    nameLatin: 'Seoul Global Acceleration 2027',
    kind: 'accelerator',
    partnerOrganisationIds: [partnerOrgId],
    hostCountry: 'KR',
    hostCity: 'Seoul',
    timeZone: 'Asia/Seoul',
    opensAt: iso(-1),
    closesAt: iso(60),
    capacity: 10,
    rubric,
    reviewsRequired: 1,
  };
}

/**
 * The association's own programme: it needs the Korean innovation association's top grade, AAA, issued
 * by that body (the journey's startup holds AA, so the rule fails for it), a rule waived for alumni of
 * its partner accelerator's cohorts (the fast track).
 */
export function partnerProgramme(acceleratorOrgId: string, certificationBodyId: string): Applications['CreateProgrammeDto'] {
  return {
    name: 'K-헬스 실증 프로그램 2027',
    nameLatin: 'K-Health demonstration programme 2027',
    kind: 'pilot',
    partnerOrganisationIds: [acceleratorOrgId],
    hostCountry: 'KR',
    hostCity: 'Seoul',
    timeZone: 'Asia/Seoul',
    opensAt: iso(-1),
    closesAt: iso(45),
    capacity: 10,
    eligibility: {
      countries: ['KR'],
      technologyFields: ['medtech'],
      minTrl: 5,
      maxTrl: 9,
      requiredCertification: { kind: innovationGrades.kind, minGrade: 'AAA', issuerOrganisationIds: [certificationBodyId] },
    },
    rubric,
    reviewsRequired: 2,
  };
}

export function pilotSite(programmeId: string): Pilots['CreatePilotSiteDto'] {
  return {
    name: 'Приёмное отделение, ГКБ № 1',
    nameLatin: 'Emergency admissions, City Clinical Hospital No. 1',
    problemStatement: 'Night-time triage of emergency admissions takes too long.',
    technologyFields: ['medtech', 'ai'],
    needs: ['emergency_care', 'triage'],
    country: 'RU',
    city: 'Moscow',
    timeZone: 'Europe/Moscow',
    minTrl: 5,
    maxTrl: 9,
    languages: ['en', 'ru'],
    capacity: 2,
    programmeIds: [programmeId],
  };
}

/**
 * The startup as it first registers: a profile that misses the pilot programme on several counts, its
 * innovation certificate among them (declared by the startup itself, so not verified).
 */
export function startupRegistration(): Applications['RegisterStartupDto'] {
  const suffix = randomUUID().slice(0, 8);
  return {
    name: '메디브릿지',
    nameLatin: 'MediBridge',
    country: 'KR',
    registrationNumber: `110-86-${suffix}`,
    technologyFields: ['fintech'],
    trl: 3,
    team: [{ name: '김서연', nameLatin: 'Kim Seoyeon', role: 'CEO', email: `seoyeon.${suffix}@medibridge.example` }],
    contact: { name: 'Kim Seoyeon', email: `hello.${suffix}@medibridge.example`, phone: '+82-2-555-0142' },
    languages: ['ko', 'en'],
    description: 'AI triage for emergency departments.',
    certifications: [{ kind: innovationGrades.kind, issuer: 'Korea Innovation Association', grade: 'AA', validFrom: iso(-200), validUntil: iso(530) }],
  };
}

/** The association certifies the startup: grade AA, valid for two years. */
export function innovationCertificate(startupId: string): Applications['IssueCertificationDto'] {
  return { startupId, kind: innovationGrades.kind, grade: 'AA', validFrom: iso(-1), validUntil: iso(730), certificateNumber: `KIA-2027-${randomUUID().slice(0, 6)}` };
}

/** A code nobody was given: the public verification answers it with nothing. */
export const guessedVerificationCode = 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ';

/** What the founders fix after reading the eligibility answer (the association's certificate comes from the association). */
export const startupFixes: Omit<Applications['UpdateStartupDto'], 'version'> = { technologyFields: ['medtech', 'ai'], trl: 6, foundedOn: '2022-03-01' };

export const reviewScores: Applications['SubmitReviewDto'][] = [
  { scores: [{ criterion: 'innovation', score: 9 }, { criterion: 'clinical_fit', score: 8 }, { criterion: 'team', score: 7 }], comment: 'Clear clinical value.' },
  { scores: [{ criterion: 'innovation', score: 8 }, { criterion: 'clinical_fit', score: 9 }, { criterion: 'team', score: 8 }], comment: 'Strong fit for night shifts.' },
  { scores: [{ criterion: 'innovation', score: 7 }, { criterion: 'clinical_fit', score: 8 }, { criterion: 'team', score: 9 }], comment: 'Experienced team.' },
];

export const pilotApproval: Pilots['ApproveProposalDto'] = {
  successCriteria: [
    { name: 'triage_time_reduction', unit: 'percent', target: 20, description: 'Median night triage time drops by 20%.' },
    { name: 'staff_satisfaction', unit: 'score', target: 4 },
  ],
  durationDays: 30,
  hostOwner: { name: 'Анна Петрова', email: 'a.petrova@hospital.example' },
  reason: 'Best match for the emergency department.',
};

export const pilotReport: Omit<Pilots['FinalReportInputDto'], 'version'> = {
  outcome: 'success',
  results: [
    { criterion: 'triage_time_reduction', value: 27 },
    { criterion: 'staff_satisfaction', value: 4.4, note: 'Night shift.' },
  ],
  feedback: 'Nurses adopted the tool within a week.',
  adoption: 'buy',
  contractValue: 1500000,
  contractCurrency: 'RUB',
};

export function seoulCohort(programmeId: string, partnerOrgId: string): Cohorts['CreateCohortDto'] {
  return {
    programmeId,
    name: '서울 글로벌 코호트 2027 봄',
    nameLatin: 'Seoul Global Cohort Spring 2027',
    partnerOrganisationIds: [partnerOrgId],
    hostCountry: 'KR',
    hostCity: 'Seoul',
    timeZone: 'Asia/Seoul',
    language: 'en',
    startsAt: iso(30),
    endsAt: iso(120),
    capacity: 10,
    offerTtlHours: 72,
    selectionRule: { groupBy: 'country', perGroup: 5, successfulPilotBonus: 5 },
  };
}

export const inDays = iso;

/** The hospital's need as an open call: the problem in its own words (Russian), answered by the startup. */
export function hospitalOpenCall(siteId: string): Pilots['PublishOpenCallDto'] {
  return {
    siteId,
    title: 'Сортировка пациентов в приёмном отделении ночью',
    problem: 'Ночью сортировка пациентов в приёмном отделении занимает слишком много времени; ищем систему поддержки решений.',
    technologyFields: ['medtech', 'ai'],
    windowStartsOn: iso(7).slice(0, 10),
    windowEndsOn: iso(120).slice(0, 10),
    pilotsSought: 1,
    answerDeadline: iso(30),
  };
}

export const openCallAnswer: Pilots['AnswerOpenCallDto'] = {
  proposal: 'Our AI triage halved night-time waiting in two Seoul emergency departments; we can start within a month.',
};

/** The agreement (MOU) between the Moscow agency and the Korean association the journey runs under. */
export function exchangeAgreement(counterpartOrganisationId: string): Applications['CreateAgreementDto'] {
  return {
    counterpartOrganisationId,
    title: 'Moscow–Seoul startup exchange memorandum',
    signedOn: iso(-1).slice(0, 10),
    validFrom: iso(-1).slice(0, 10),
    validUntil: iso(365).slice(0, 10),
    partyBTarget: 2,
  };
}

/** Yesterday's business mission of Korean companies to Moscow, run by the city agency under its agreement. */
export function moscowMission(partnerOrgId: string, agreementId: string): Applications['CreateMissionDto'] {
  const yesterdayInMoscow = new Date(Date.now() - DAY).toLocaleDateString('en-CA', { timeZone: 'Europe/Moscow' });
  return {
    title: 'Korean medtech delegation to Moscow',
    partnerOrganisationIds: [partnerOrgId],
    agreementId,
    hostCity: 'Moscow',
    country: 'RU',
    timeZone: 'Europe/Moscow',
    days: [yesterdayInMoscow],
    dayStartsAt: '10:00',
    dayEndsAt: '13:00',
    slotMinutes: 20,
    rooms: ['Стол 1', 'Стол 2'],
  };
}

/** The startup in the delegation offers its triage; the hospital seeks it and offers its wards. */
export function missionParticipants(startupId: string, hospitalId: string): Applications['AddParticipantDto'][] {
  return [
    { side: 'delegation', startupId, offers: ['ai-triage'], seeks: ['hospital-network'] },
    { side: 'local', organisationId: hospitalId, fields: ['medtech'], offers: ['hospital-network'], seeks: ['ai-triage'], languages: ['ru', 'en'] },
  ];
}
