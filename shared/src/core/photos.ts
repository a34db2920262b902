import { z } from 'zod';
import { defineContract } from './contract';

/**
 * Photos people attach (a wish, a problem report, a result). The mini-program uploads each straight to cloud
 * storage, into the folder `uploadSlot` names for the caller (`photos/<uploader>/`, a key the functions
 * derive from the caller's OPENID), as `<folder><name>.jpg` with a name of 8 to 64 letters, digits, `-` or
 * `_`; an action then accepts only photos in the caller's own folder (PHOTO.NOT_YOURS). No client reads
 * storage: views carry short-lived URLs.
 */
export const photoContract = defineContract({
  uploadSlot: {
    summary: '上传照片',
    roles: ['resident'],
    input: z.object({}),
    output: z.object({ folder: z.string() }),
    errors: [],
  },
});
export type PhotoContract = typeof photoContract;
