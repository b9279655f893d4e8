/** The rule files' `date-or-date-time` format: a calendar date, or a date-time with an optional offset. */
export const DATE_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
