import { FILES_PER_REQUEST, FILE_URL_TTL_S, inChunks, type FileServices } from './files';

/**
 * What the CloudBase node-sdk offers for it: `app.getTempFileURL`, which posts `storage.batchGetDownloadUrl`
 * with `file_list: [{ fileid, max_age }]` and answers the server's `download_list` as `fileList`, each
 * `{ code, fileID, tempFileURL }` (`code` SUCCESS, or why not, such as STORAGE_FILE_NONEXIST). A refusal of
 * the whole request is thrown.
 */
export type TempUrlApi = {
  getTempFileURL(options: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<{
    fileList?: Array<{ code?: string; fileID?: string; tempFileURL?: string }>;
  }>;
  /** `app.downloadFile`: the file's bytes (`fileContent`); a missing file is thrown. */
  downloadFile(options: { fileID: string }): Promise<{ fileContent?: Buffer | string }>;
  /** `app.uploadFile`: stores the bytes at `cloudPath` and answers its `fileID`. */
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID?: string }>;
  /**
   * `app.deleteFile`: posts `storage.batchDeleteFile` with `fileid_list` and answers the server's `delete_list`
   * as `fileList`, each `{ fileID, code }` (SUCCESS, or why not, such as STORAGE_FILE_NONEXIST).
   */
  deleteFile(options: { fileList: string[] }): Promise<{ fileList?: Array<{ code?: string; fileID?: string }> }>;
};

const cloudId = /^cloud:\/\/[A-Za-z0-9._-]+\/[\w.\-/]+$/;

/** How long the URL asked for only to learn a file is there lives (it is never handed out). */
const CHECK_TTL_S = 60;

/**
 * Files in CloudBase storage, which the functions (server side) may always read whatever the storage rule
 * says. `onRequest` sees each request, as the store's `onOperation` does.
 */
export function cloudbaseFiles(app: TempUrlApi, onRequest?: (op: string) => void): FileServices {
  async function lookup(ids: readonly string[], maxAge: number): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id) => cloudId.test(id)))];
    const found = new Map<string, string>();
    await Promise.all(
      inChunks(wanted, FILES_PER_REQUEST).map(async (part) => {
        onRequest?.('storage.batchGetDownloadUrl');
        const answer = await app.getTempFileURL({ fileList: part.map((fileID) => ({ fileID, maxAge })) });
        for (const file of answer.fileList ?? [])
          if (file.code === 'SUCCESS' && file.fileID && file.tempFileURL && part.includes(file.fileID))
            found.set(file.fileID, file.tempFileURL);
      }),
    );
    return found;
  }
  return {
    urls: (ids) => lookup(ids, FILE_URL_TTL_S),
    async missing(ids) {
      const found = await lookup(ids, CHECK_TTL_S);
      return ids.filter((id) => !found.has(id));
    },
    async read(id, maxBytes) {
      if (!cloudId.test(id)) return null;
      onRequest?.('storage.downloadFile');
      try {
        const { fileContent } = await app.downloadFile({ fileID: id });
        const bytes = typeof fileContent === 'string' ? Buffer.from(fileContent, 'binary') : fileContent;
        return bytes && bytes.length <= maxBytes ? bytes : null;
      } catch {
        // A file that is not there (or not readable) is the caller's to choose again, not a fault.
        return null;
      }
    },
    async remove(ids) {
      const wanted = [...new Set(ids.filter((id) => cloudId.test(id)))];
      await Promise.all(
        inChunks(wanted, FILES_PER_REQUEST).map(async (part) => {
          onRequest?.('storage.batchDeleteFile');
          await app.deleteFile({ fileList: part });
        }),
      );
    },
    async write(folder, name, bytes) {
      onRequest?.('storage.uploadFile');
      const { fileID } = await app.uploadFile({ cloudPath: `exports/${folder}/${name}`, fileContent: bytes });
      if (!fileID) throw new Error('storage answered no fileID');
      return fileID;
    },
  };
}
