import type { Block, TemplatesFor } from './layout';
import { code } from './layout';

type StartupKind =
  | 'application.submitted'
  | 'application.decided'
  | 'pilot.proposed'
  | 'pilot.approved'
  | 'pilot.scheduled'
  | 'pilot.report_due'
  | 'cohort.offer'
  | 'cohort.offer_reminder'
  | 'cohort.graduated';

/** A list with its lead-in, or nothing when the list is empty (a lead-in to nothing reads as a bug). */
const listed = (leadIn: string, items: readonly string[]): Block[] => (items.length > 0 ? [leadIn, { list: items }] : []);

/** The manager's words, quoted as given; left out when there are none. */
const quoted = (leadIn: string, reason: string): Block[] => (reason.trim() ? [leadIn, { quote: reason }] : []);

const OFFER_API = {
  en: ['You can answer in the console, or with the API: ', code('GET /v1/offers'), ' lists your offers, then ', code('POST /v1/offers/{id}/accept'), ' or ', code('POST /v1/offers/{id}/decline'), '.'],
  ko: ['답변은 콘솔에서 하시거나 API로 하실 수 있습니다. ', code('GET /v1/offers'), '에서 제안 목록을 확인하신 후 수락(', code('POST /v1/offers/{id}/accept'), ') 또는 거절(', code('POST /v1/offers/{id}/decline'), ')해 주십시오.'],
  ru: ['Ответить можно в консоли или через API: ', code('GET /v1/offers'), ' покажет Ваши предложения, затем ', code('POST /v1/offers/{id}/accept'), ' или ', code('POST /v1/offers/{id}/decline'), '.'],
} as const;

export const STARTUP_MAILS: TemplatesFor<StartupKind> = {
  // Two days before the pilot's last day: the host's final report measures the success criteria.
  'pilot.report_due': {
    en: (c, f) => ({
      subject: `Pilot of ${f.name(c.startup)} ends on ${f.date(c.endsOn)}: the final report is due`,
      blocks: [
        `The pilot of ${f.name(c.startup)} in ${f.name(c.programme)} ends on ${f.date(c.endsOn)}.`,
        'The host then files the final report: the result measured against each success criterion, and whether it will adopt the product. Please make sure the host has your measurements and data before the last day.',
        ['The pilot and its success criteria are in the console and at ', code('GET /v1/pilots'), '.'],
      ],
    }),
    ko: (c, f) => ({
      subject: `[${f.name(c.programme)}] ${f.name(c.startup)} 실증 종료 예정(${f.date(c.endsOn)}): 최종 보고서 제출 안내`,
      blocks: [
        `${f.name(c.programme)}의 ${f.name(c.startup)} 실증이 ${f.date(c.endsOn)}에 종료됩니다.`,
        '종료 후 호스트 기관이 최종 보고서(성공 기준별 측정 결과와 제품 도입 여부)를 제출합니다. 마지막 날 전까지 측정 자료와 데이터를 호스트 기관에 전달해 주시기 바랍니다.',
        ['실증 정보와 성공 기준은 콘솔 또는 API의 ', code('GET /v1/pilots'), '에서 확인하실 수 있습니다.'],
      ],
    }),
    ru: (c, f) => ({
      subject: `Пилот стартапа «${f.name(c.startup)}» завершается ${f.date(c.endsOn)}: нужен итоговый отчёт`,
      blocks: [
        `Пилотное испытание стартапа «${f.name(c.startup)}» в программе «${f.name(c.programme)}» завершается ${f.date(c.endsOn)}.`,
        'После этого площадка подаёт итоговый отчёт: результат по каждому критерию успеха и решение о внедрении продукта. Пожалуйста, передайте площадке Ваши измерения и данные до последнего дня.',
        ['Пилот и его критерии успеха — в консоли и по запросу ', code('GET /v1/pilots'), '.'],
      ],
    }),
  },
  'application.submitted': {
    en: (c, f) => ({
      subject: `Application received: ${f.name(c.startup)} for ${f.name(c.programme)}`,
      blocks: [
        `We have received the application of ${f.name(c.startup)} to ${f.name(c.programme)}, submitted on ${f.instant(c.submittedAt)}.`,
        'The programme’s reviewers will now assess it. We will write to you again as soon as a decision has been made; you do not need to do anything in the meantime.',
        ['You can follow the status of the application in the console or with ', code('GET /v1/applications'), '.'],
      ],
    }),
    ko: (c, f) => ({
      subject: `[${f.name(c.programme)}] 지원서 접수 완료: ${f.name(c.startup)}`,
      blocks: [
        `${f.name(c.startup)}의 ${f.name(c.programme)} 지원서가 ${f.instant(c.submittedAt)}에 제출되어 정상적으로 접수되었습니다.`,
        '이제 프로그램 심사위원들이 지원서를 심사합니다. 결정이 내려지는 대로 다시 안내해 드리겠으며, 그동안 별도로 하실 일은 없습니다.',
        ['지원서 진행 상황은 콘솔 또는 API의 ', code('GET /v1/applications'), '에서 확인하실 수 있습니다.'],
      ],
    }),
    ru: (c, f) => ({
      subject: `Заявка получена: ${f.name(c.startup)}, программа «${f.name(c.programme)}»`,
      blocks: [
        `Мы получили заявку стартапа «${f.name(c.startup)}» на участие в программе «${f.name(c.programme)}», поданную ${f.instant(c.submittedAt)}.`,
        'Теперь её рассмотрят эксперты программы. Мы напишем Вам, как только будет принято решение; до тех пор от Вас ничего не требуется.',
        ['Следить за статусом заявки можно в консоли или через API: ', code('GET /v1/applications'), '.'],
      ],
    }),
  },

  'application.decided': {
    en: (c, f) => {
      const [startup, programme, at] = [f.name(c.startup), f.name(c.programme), f.instant(c.decidedAt)];
      const decision = {
        accepted: {
          subject: `${startup} has been accepted to ${programme}`,
          said: `We are pleased to inform you that the application of ${startup} to ${programme} was accepted on ${at}.`,
          next: 'We will write to you separately about the next steps, such as a proposed pilot site or an offer of a place in a cohort.',
        },
        rejected: {
          subject: `Decision on the application of ${startup} to ${programme}`,
          said: `We regret to inform you that the application of ${startup} to ${programme} was not accepted. The decision was made on ${at}.`,
          next: 'Thank you for your interest. You are welcome to apply to other programmes of the exchange, and to future rounds of this one.',
        },
        waitlisted: {
          subject: `${startup} is on the waiting list for ${programme}`,
          said: `The application of ${startup} to ${programme} was placed on the waiting list on ${at}.`,
          next: 'Should a place become available, we will let you know by e-mail. You do not need to do anything now.',
        },
      }[c.decision];
      return {
        subject: decision.subject,
        blocks: [
          decision.said,
          ...quoted('The programme manager gave the following reason:', c.reason),
          decision.next,
          ['The application is in the console and at ', code('GET /v1/applications'), '.'],
        ],
      };
    },
    ko: (c, f) => {
      const [startup, programme, at] = [f.name(c.startup), f.name(c.programme), f.instant(c.decidedAt)];
      const decision = {
        accepted: {
          subject: `[${programme}] 지원 결과 안내: ${startup} 선정`,
          said: `${startup}의 ${programme} 지원서가 ${at}에 최종 선정되었음을 알려 드리게 되어 기쁩니다.`,
          next: '실증 장소 제안이나 코호트 참가 제안 등 다음 단계는 별도의 메일로 안내해 드리겠습니다.',
        },
        rejected: {
          subject: `[${programme}] 지원 결과 안내: ${startup}`,
          said: `안타깝게도 ${startup}의 ${programme} 지원서는 선정되지 않았습니다. 결정 일시는 ${at}입니다.`,
          next: '관심을 가져 주셔서 감사합니다. Startup Exchange의 다른 프로그램이나 이 프로그램의 다음 모집에도 지원하실 수 있습니다.',
        },
        waitlisted: {
          subject: `[${programme}] 지원 결과 안내: ${startup} 대기자 명단 등록`,
          said: `${startup}의 ${programme} 지원서가 ${at}에 대기자 명단에 등록되었습니다.`,
          next: '자리가 생기면 메일로 안내해 드리겠습니다. 지금은 별도로 하실 일이 없습니다.',
        },
      }[c.decision];
      return {
        subject: decision.subject,
        blocks: [
          decision.said,
          ...quoted('프로그램 매니저가 밝힌 사유는 다음과 같습니다.', c.reason),
          decision.next,
          ['지원서는 콘솔 또는 API의 ', code('GET /v1/applications'), '에서 확인하실 수 있습니다.'],
        ],
      };
    },
    ru: (c, f) => {
      const [startup, programme, at] = [f.name(c.startup), f.name(c.programme), f.instant(c.decidedAt)];
      const decision = {
        accepted: {
          subject: `Стартап «${startup}» принят в программу «${programme}»`,
          said: `Рады сообщить, что заявка стартапа «${startup}» на участие в программе «${programme}» принята. Дата решения: ${at}.`,
          next: 'О дальнейших шагах, например о предложенной площадке для пилотного проекта или о месте в когорте, мы напишем Вам отдельно.',
        },
        rejected: {
          subject: `Решение по заявке стартапа «${startup}» в программу «${programme}»`,
          said: `К сожалению, заявка стартапа «${startup}» на участие в программе «${programme}» не принята. Дата решения: ${at}.`,
          next: 'Благодарим Вас за интерес к программе. Вы можете подать заявку в другие программы обмена, а также в следующие наборы этой программы.',
        },
        waitlisted: {
          subject: `Стартап «${startup}» в листе ожидания программы «${programme}»`,
          said: `Заявка стартапа «${startup}» на участие в программе «${programme}» внесена в лист ожидания. Дата решения: ${at}.`,
          next: 'Если освободится место, мы сообщим Вам по электронной почте. Сейчас от Вас ничего не требуется.',
        },
      }[c.decision];
      return {
        subject: decision.subject,
        blocks: [
          decision.said,
          ...quoted('Менеджер программы указал следующую причину:', c.reason),
          decision.next,
          ['Заявка доступна в консоли и через API: ', code('GET /v1/applications'), '.'],
        ],
      };
    },
  },

  'pilot.proposed': {
    en: (c, f) => ({
      subject: `Pilot site proposed for ${f.name(c.startup)} in ${f.name(c.programme)}`,
      blocks: [
        `Following the acceptance of ${f.name(c.startup)} to ${f.name(c.programme)}, the exchange has proposed a host site for a pilot of your product.`,
        ...listed('Why this site was proposed:', c.reasons),
        'The programme manager will now consider the proposal. If it is approved, we will write to you with the pilot’s duration and success criteria; you do not need to do anything now.',
        ['You can see the proposal in the console or with ', code('GET /v1/match-proposals'), '.'],
      ],
    }),
    ko: (c, f) => ({
      subject: `[${f.name(c.programme)}] 실증 장소 제안: ${f.name(c.startup)}`,
      blocks: [
        `${f.name(c.startup)}의 ${f.name(c.programme)} 선정에 따라, 귀사 제품의 실증을 진행할 호스트 장소가 제안되었습니다.`,
        ...listed('이 장소가 제안된 이유는 다음과 같습니다.', c.reasons),
        '이제 프로그램 매니저가 제안을 검토합니다. 승인되면 실증 기간과 성공 기준을 안내해 드리겠으며, 지금은 별도로 하실 일이 없습니다.',
        ['제안 내용은 콘솔 또는 API의 ', code('GET /v1/match-proposals'), '에서 확인하실 수 있습니다.'],
      ],
    }),
    ru: (c, f) => ({
      subject: `Предложена площадка для пилотного проекта: «${f.name(c.startup)}», программа «${f.name(c.programme)}»`,
      blocks: [
        `После принятия стартапа «${f.name(c.startup)}» в программу «${f.name(c.programme)}» для пилотного проекта Вашего продукта предложена площадка принимающей организации.`,
        ...listed('Почему предложена именно эта площадка:', c.reasons),
        'Теперь предложение рассмотрит менеджер программы. Если оно будет одобрено, мы сообщим Вам срок пилотного проекта и критерии успеха; сейчас от Вас ничего не требуется.',
        ['Предложение доступно в консоли и через API: ', code('GET /v1/match-proposals'), '.'],
      ],
    }),
  },

  'pilot.approved': {
    en: (c, f) => ({
      subject: `Pilot approved for ${f.name(c.startup)} in ${f.name(c.programme)}`,
      blocks: [
        `The programme manager has approved a pilot of ${f.name(c.startup)} in ${f.name(c.programme)}. It will run for ${f.days(c.durationDays)}.`,
        ...listed('The pilot will be judged against these success criteria:', c.successCriteria),
        'The host will now set the start date, and we will write to you again with the dates. Please use the time to prepare your team and product for the criteria above.',
        ['You can follow the pilot in the console or with ', code('GET /v1/pilots'), '.'],
      ],
    }),
    ko: (c, f) => ({
      subject: `[${f.name(c.programme)}] 실증 승인: ${f.name(c.startup)}`,
      blocks: [
        `프로그램 매니저가 ${f.name(c.programme)}에서 ${f.name(c.startup)}의 실증을 승인했습니다. 실증 기간은 ${f.days(c.durationDays)}입니다.`,
        ...listed('실증 결과는 다음 성공 기준에 따라 평가됩니다.', c.successCriteria),
        '이제 호스트 기관이 시작일을 정하며, 일정이 확정되면 다시 안내해 드리겠습니다. 그동안 위 기준에 맞추어 팀과 제품을 준비해 주시기 바랍니다.',
        ['실증 진행 상황은 콘솔 또는 API의 ', code('GET /v1/pilots'), '에서 확인하실 수 있습니다.'],
      ],
    }),
    ru: (c, f) => ({
      subject: `Пилотный проект одобрен: «${f.name(c.startup)}», программа «${f.name(c.programme)}»`,
      blocks: [
        `Менеджер программы «${f.name(c.programme)}» одобрил пилотный проект стартапа «${f.name(c.startup)}». Его продолжительность: ${f.days(c.durationDays)}.`,
        ...listed('Результаты пилотного проекта будут оцениваться по следующим критериям успеха:', c.successCriteria),
        'Теперь принимающая организация назначит дату начала, и мы сообщим Вам сроки. Просим Вас подготовить команду и продукт с учётом этих критериев.',
        ['Следить за пилотным проектом можно в консоли или через API: ', code('GET /v1/pilots'), '.'],
      ],
    }),
  },

  'pilot.scheduled': {
    en: (c, f) => ({
      subject: `Pilot of ${f.name(c.startup)} scheduled: ${f.date(c.startsOn)} to ${f.date(c.endsOn)}`,
      blocks: [
        `The host has scheduled the pilot of ${f.name(c.startup)} in ${f.name(c.programme)}.`,
        { facts: [['Starts on', f.date(c.startsOn)], ['Ends on', f.date(c.endsOn)]] },
        'Please make sure your team is ready on the first day, and agree the practical arrangements (site access, equipment, contacts) with the host’s person in charge of the pilot.',
        ['The pilot, with the host’s contact, is in the console and at ', code('GET /v1/pilots'), '.'],
      ],
    }),
    ko: (c, f) => ({
      subject: `[${f.name(c.programme)}] 실증 일정 확정: ${f.name(c.startup)}, ${f.date(c.startsOn)} ~ ${f.date(c.endsOn)}`,
      blocks: [
        `호스트 기관이 ${f.name(c.programme)}의 ${f.name(c.startup)} 실증 일정을 확정했습니다.`,
        { facts: [['시작일', f.date(c.startsOn)], ['종료일', f.date(c.endsOn)]] },
        '첫날부터 실증을 진행하실 수 있도록 준비해 주시고, 현장 출입, 장비, 연락 체계 등 실무 사항은 호스트 기관의 실증 담당자와 협의해 주시기 바랍니다.',
        ['실증 정보와 호스트 담당자 연락처는 콘솔 또는 API의 ', code('GET /v1/pilots'), '에서 확인하실 수 있습니다.'],
      ],
    }),
    ru: (c, f) => ({
      subject: `Сроки пилотного проекта «${f.name(c.startup)}»: ${f.date(c.startsOn)} – ${f.date(c.endsOn)}`,
      blocks: [
        `Принимающая организация назначила сроки пилотного проекта стартапа «${f.name(c.startup)}» в программе «${f.name(c.programme)}».`,
        { facts: [['Начало', f.date(c.startsOn)], ['Окончание', f.date(c.endsOn)]] },
        'Просим Вас обеспечить готовность команды к первому дню и согласовать практические вопросы (доступ на площадку, оборудование, контакты) с ответственным за пилотный проект в принимающей организации.',
        ['Сведения о пилотном проекте и контакт принимающей организации доступны в консоли и через API: ', code('GET /v1/pilots'), '.'],
      ],
    }),
  },

  'cohort.offer': {
    en: (c, f) => ({
      subject: `Offer of a place in ${f.name(c.programme)}: reply by ${f.instant(c.deadline)}`,
      blocks: [
        c.fromWaitlist
          ? `A place has become available in a cohort of ${f.name(c.programme)}. As ${f.name(c.startup)} was on the waiting list, we are pleased to offer it this place.`
          : `We are pleased to offer ${f.name(c.startup)} a place in a cohort of ${f.name(c.programme)}.`,
        `Please accept or decline the offer by ${f.instant(c.deadline)}. If we have no answer by then, the offer expires and the place goes to the next startup on the waiting list.`,
        OFFER_API.en,
      ],
    }),
    ko: (c, f) => ({
      subject: `[${f.name(c.programme)}] 코호트 참가 제안: ${f.instant(c.deadline)}까지 회신 요망`,
      blocks: [
        c.fromWaitlist
          ? `${f.name(c.programme)} 코호트에 자리가 생겨, 대기자 명단에 있던 ${f.name(c.startup)}에 참가를 제안해 드립니다.`
          : `${f.name(c.startup)}에 ${f.name(c.programme)} 코호트 참가를 제안해 드리게 되어 기쁩니다.`,
        `${f.instant(c.deadline)}까지 제안의 수락 또는 거절 여부를 알려 주십시오. 기한까지 회신이 없으면 제안은 만료되며, 자리는 대기자 명단의 다음 스타트업에 돌아갑니다.`,
        OFFER_API.ko,
      ],
    }),
    ru: (c, f) => ({
      subject: `Предложение места в программе «${f.name(c.programme)}»: ответ до ${f.instant(c.deadline)}`,
      blocks: [
        c.fromWaitlist
          ? `В когорте программы «${f.name(c.programme)}» освободилось место. Поскольку стартап «${f.name(c.startup)}» находился в листе ожидания, мы рады предложить это место ему.`
          : `Мы рады предложить стартапу «${f.name(c.startup)}» место в когорте программы «${f.name(c.programme)}».`,
        `Просим Вас принять или отклонить предложение до ${f.instant(c.deadline)}. Если к этому сроку ответа не будет, предложение истечёт, а место перейдёт к следующему стартапу из листа ожидания.`,
        OFFER_API.ru,
      ],
    }),
  },

  'cohort.offer_reminder': {
    en: (c, f) => ({
      subject: `Reminder: reply to the offer of a place in ${f.name(c.programme)} by ${f.instant(c.deadline)}`,
      blocks: [
        `We have not yet received an answer from ${f.name(c.startup)} to the offer of a place in a cohort of ${f.name(c.programme)}.`,
        `The offer expires on ${f.instant(c.deadline)}. Please accept or decline it before then; after the deadline the place is offered to another startup.`,
        OFFER_API.en,
      ],
    }),
    ko: (c, f) => ({
      subject: `[${f.name(c.programme)}] 코호트 참가 제안 회신 요청: ${f.instant(c.deadline)}까지`,
      blocks: [
        `${f.name(c.programme)} 코호트 참가 제안에 대한 ${f.name(c.startup)}의 회신을 아직 받지 못했습니다.`,
        `제안은 ${f.instant(c.deadline)}에 만료됩니다. 그 전에 수락 또는 거절 여부를 알려 주십시오. 기한이 지나면 자리는 다른 스타트업에 제안됩니다.`,
        OFFER_API.ko,
      ],
    }),
    ru: (c, f) => ({
      subject: `Напоминание: ответ на предложение места в программе «${f.name(c.programme)}» до ${f.instant(c.deadline)}`,
      blocks: [
        `Мы пока не получили ответа стартапа «${f.name(c.startup)}» на предложение места в когорте программы «${f.name(c.programme)}».`,
        `Срок действия предложения истекает ${f.instant(c.deadline)}. Просим Вас до этого времени принять или отклонить его; после срока место будет предложено другому стартапу.`,
        OFFER_API.ru,
      ],
    }),
  },

  'cohort.graduated': {
    en: (c, f) =>
      c.graduated
        ? {
            subject: `Congratulations: ${f.name(c.startup)} has graduated from ${f.name(c.programme)}`,
            blocks: [
              `Congratulations! ${f.name(c.startup)} has successfully graduated from its cohort of ${f.name(c.programme)}.`,
              'As a graduate, your startup may be eligible for the alumni fast track when it applies to other programmes of Startup Exchange.',
              'Thank you for your work throughout the programme, and we wish you every success.',
            ],
          }
        : {
            subject: `${f.name(c.startup)}: end of the cohort in ${f.name(c.programme)}`,
            blocks: [
              `The cohort of ${f.name(c.programme)} in which ${f.name(c.startup)} took part has ended. ${f.name(c.startup)} has not graduated from it.`,
              'Thank you for taking part. If you have questions about this outcome, please contact the programme’s managers.',
            ],
          },
    ko: (c, f) =>
      c.graduated
        ? {
            subject: `[${f.name(c.programme)}] 수료를 축하드립니다: ${f.name(c.startup)}`,
            blocks: [
              `${f.name(c.startup)}의 ${f.name(c.programme)} 코호트 수료를 진심으로 축하드립니다.`,
              '수료 기업은 Startup Exchange의 다른 프로그램에 지원할 때 동문 패스트트랙(alumni fast track) 대상이 될 수 있습니다.',
              '프로그램 기간 동안 보여 주신 노력에 감사드리며, 앞으로의 성공을 기원합니다.',
            ],
          }
        : {
            subject: `[${f.name(c.programme)}] 코호트 종료 안내: ${f.name(c.startup)}`,
            blocks: [
              `${f.name(c.programme)} 코호트가 종료되었습니다. 아쉽게도 ${f.name(c.startup)}의 이번 코호트 수료 요건은 충족되지 않았습니다.`,
              '참여해 주셔서 감사합니다. 결과에 관해 문의 사항이 있으시면 프로그램 매니저에게 연락해 주십시오.',
            ],
          },
    ru: (c, f) =>
      c.graduated
        ? {
            subject: `Поздравляем: стартап «${f.name(c.startup)}» завершил программу «${f.name(c.programme)}»`,
            blocks: [
              `Поздравляем! Стартап «${f.name(c.startup)}» успешно завершил обучение в когорте программы «${f.name(c.programme)}».`,
              'Выпускники могут претендовать на ускоренное рассмотрение (alumni fast track) при подаче заявок в другие программы Startup Exchange.',
              'Благодарим Вас за работу на протяжении программы и желаем дальнейших успехов.',
            ],
          }
        : {
            subject: `Стартап «${f.name(c.startup)}»: когорта программы «${f.name(c.programme)}» завершена`,
            blocks: [
              `Когорта программы «${f.name(c.programme)}», в которой участвовал стартап «${f.name(c.startup)}», завершена. Стартап не получил статус выпускника.`,
              'Благодарим Вас за участие. Если у Вас есть вопросы по этому решению, просим обратиться к менеджерам программы.',
            ],
          },
  },
};
