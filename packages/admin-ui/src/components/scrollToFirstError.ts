/** What marks a problem on a form: a field in error (antd) or a message of no field. */
const PROBLEM = '.ant-form-item-has-error, [data-form-problem]';

/**
 * Brings the form's first problem into view, in the middle of the screen (a
 * phone's too), and puts the cursor in its field: after a failed submit the
 * rep reads why where she is to fix it, not at the top of the page.
 */
export function scrollToFirstError(form: HTMLElement | null): void {
  const first = form?.querySelector<HTMLElement>(PROBLEM);
  if (!first) return;
  first.scrollIntoView({ block: 'center' });
  first.querySelector<HTMLElement>('input:not([type=hidden]), textarea')?.focus({ preventScroll: true });
}
