/** A clientMessageId: unique per send and stable across retries of that send. */
export function newClientMessageId(): string {
  return crypto.randomUUID();
}
