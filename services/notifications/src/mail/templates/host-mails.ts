import type { TemplatesFor } from './layout';
import { code } from './layout';

/** Mails to the coordinators of the host whose site runs the pilot. */
type HostKind = 'host.pilot_approved' | 'host.report_overdue';

export const HOST_MAILS: TemplatesFor<HostKind> = {
  'host.pilot_approved': {
    en: (c, f) => ({
      subject: `New pilot at your site: ${f.name(c.startup)} in ${f.name(c.programme)}`,
      blocks: [
        `The programme manager of ${f.name(c.programme)} has approved a pilot of ${f.name(c.startup)} at your site.`,
        { facts: [['Startup', f.name(c.startup)], ['Duration', f.days(c.durationDays)], ['Person in charge at your organisation', c.hostOwner]] },
        ['Next step: please set the start date in the console or with ', code('POST /v1/pilots/{id}/schedule'), '; the pilot then runs for its full duration from that date. ', code('GET /v1/pilots'), ' lists your pilots with their success criteria.'],
      ],
    }),
    ko: (c, f) => ({
      subject: `[${f.name(c.programme)}] 귀 기관 실증 승인: ${f.name(c.startup)}`,
      blocks: [
        `${f.name(c.programme)}의 프로그램 매니저가 귀 기관 장소에서 진행할 ${f.name(c.startup)}의 실증을 승인했습니다.`,
        { facts: [['스타트업', f.name(c.startup)], ['실증 기간', f.days(c.durationDays)], ['귀 기관 담당자', c.hostOwner]] },
        ['다음 단계로, 콘솔 또는 API(', code('POST /v1/pilots/{id}/schedule'), ')에서 시작일을 정해 주십시오. 실증은 그날부터 정해진 기간 동안 진행됩니다. 성공 기준을 포함한 실증 목록은 ', code('GET /v1/pilots'), '에서 확인하실 수 있습니다.'],
      ],
    }),
    ru: (c, f) => ({
      subject: `Новый пилотный проект на Вашей площадке: «${f.name(c.startup)}», программа «${f.name(c.programme)}»`,
      blocks: [
        `Менеджер программы «${f.name(c.programme)}» одобрил пилотный проект стартапа «${f.name(c.startup)}» на Вашей площадке.`,
        { facts: [['Стартап', f.name(c.startup)], ['Продолжительность', f.days(c.durationDays)], ['Ответственный в Вашей организации', c.hostOwner]] },
        ['Следующий шаг: просим назначить дату начала в консоли или запросом ', code('POST /v1/pilots/{id}/schedule'), '; с этой даты пилотный проект продлится весь установленный срок. Список Ваших пилотных проектов с критериями успеха: ', code('GET /v1/pilots'), '.'],
      ],
    }),
  },

  'host.report_overdue': {
    en: (c, f) => {
      const late = c.severity === 'very_late';
      return {
        subject: `Final report ${late ? 'very late' : 'overdue'}: pilot of ${f.name(c.startup)} in ${f.name(c.programme)}`,
        blocks: [
          late
            ? `The pilot of ${f.name(c.startup)} in ${f.name(c.programme)} ended on ${f.date(c.endedOn)}, and its final report is now very late.`
            : `The pilot of ${f.name(c.startup)} in ${f.name(c.programme)} ended on ${f.date(c.endedOn)}, and its final report has not been filed yet.`,
          'Until the report is filed the pilot stays open, and its outcome cannot count for the startup. Please file it as soon as possible: the outcome, the result for each success criterion, and your feedback.',
          ['File the report in the console or with ', code('POST /v1/pilots/{id}/complete'), '. ', code(`GET /v1/pilots?report=${c.severity}`), ' lists the pilots in the same situation.'],
        ],
      };
    },
    ko: (c, f) => {
      const late = c.severity === 'very_late';
      return {
        subject: `[${f.name(c.programme)}] 최종 보고서 ${late ? '제출 장기 지연' : '제출 기한 경과'}: ${f.name(c.startup)} 실증`,
        blocks: [
          late
            ? `${f.name(c.programme)}의 ${f.name(c.startup)} 실증이 ${f.date(c.endedOn)}에 종료되었으나, 최종 보고서 제출이 장기간 지연되고 있습니다.`
            : `${f.name(c.programme)}의 ${f.name(c.startup)} 실증이 ${f.date(c.endedOn)}에 종료되었으나, 최종 보고서가 아직 제출되지 않았습니다.`,
          '보고서가 제출될 때까지 실증은 종료 처리되지 않으며, 그 결과도 스타트업의 실적으로 반영되지 않습니다. 실증 결과, 성공 기준별 결과, 의견을 담아 가능한 한 빨리 제출해 주십시오.',
          ['보고서는 콘솔 또는 API(', code('POST /v1/pilots/{id}/complete'), ')로 제출하실 수 있습니다. 같은 상태의 실증 목록은 ', code(`GET /v1/pilots?report=${c.severity}`), '에서 확인하실 수 있습니다.'],
        ],
      };
    },
    ru: (c, f) => {
      const late = c.severity === 'very_late';
      return {
        subject: `${late ? 'Итоговый отчёт сильно задерживается' : 'Итоговый отчёт просрочен'}: пилотный проект «${f.name(c.startup)}», программа «${f.name(c.programme)}»`,
        blocks: [
          late
            ? `Пилотный проект стартапа «${f.name(c.startup)}» в программе «${f.name(c.programme)}» завершился ${f.date(c.endedOn)}, а итоговый отчёт по нему сильно задерживается.`
            : `Пилотный проект стартапа «${f.name(c.startup)}» в программе «${f.name(c.programme)}» завершился ${f.date(c.endedOn)}, но итоговый отчёт по нему ещё не подан.`,
          'Пока отчёт не подан, пилотный проект остаётся открытым, и его результат не может быть засчитан стартапу. Просим Вас как можно скорее подать отчёт: итог, результат по каждому критерию успеха и Ваш отзыв.',
          ['Подать отчёт можно в консоли или запросом ', code('POST /v1/pilots/{id}/complete'), '. Пилотные проекты в таком же положении: ', code(`GET /v1/pilots?report=${c.severity}`), '.'],
        ],
      };
    },
  },
};
