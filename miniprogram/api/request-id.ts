import { useState } from 'react';

/** A client-made id for one create or redemption: a retried or double-tapped submit writes once. */
export function newRequestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** One request id for the life of a form: every submit of it is the same request. */
export function useRequestId(): string {
  const [id] = useState(newRequestId);
  return id;
}
