import type { IndexDef } from '../core/store/indexes';

export type MessageDoc = {
  _id: string;
  to: string;
  title: string;
  body: string;
  link: string | null;
  at: string;
  read: boolean;
};

/** The collections this feature owns and every query it makes (see core/store/indexes.ts). */
export const messagesStorage: { collections: readonly string[]; indexes: readonly IndexDef[] } = {
  collections: ['messages'],
  indexes: [
    { collection: 'messages', fields: ['to', 'at', '_id'] },
    { collection: 'messages', fields: ['to', 'read', '_id'] },
  ],
};
