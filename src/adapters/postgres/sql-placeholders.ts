/** `$1, $2, …, $n` (or from `$from`): the parameter list of a statement with `count` values. */
export function placeholders(count: number, from = 1): string {
  return Array.from({ length: count }, (_, i) => `$${i + from}`).join(', ');
}
