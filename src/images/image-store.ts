import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { SupabaseClient } from '@supabase/supabase-js';

/** Where photo answers are kept: a Supabase Storage bucket, or a folder of the embedded default. */
export interface ImageStore {
  readonly description: string;
  /** Stores the bytes at `path` (made by the service, e.g. users/<id>/user-profile/avatar-<uuid>.jpg). */
  put(path: string, bytes: Uint8Array, contentType: string): Promise<void>;
}

/** A folder on this machine (DATA_DIR/uploads on the embedded default). */
export function folderImageStore(root: string): ImageStore {
  const base = resolve(root);
  return {
    description: `the folder ${base}`,
    async put(path, bytes) {
      const target = resolve(base, path);
      if (!target.startsWith(base + sep)) throw new Error(`image path ${path} leaves the uploads folder`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes, { flag: 'wx' });
    },
  };
}

/** A bucket of the Supabase project's Storage, written with the service-role client. */
export function supabaseImageStore(client: SupabaseClient, bucket: string): ImageStore {
  return {
    description: `the Supabase Storage bucket ${bucket}`,
    async put(path, bytes, contentType) {
      const { error } = await client.storage.from(bucket).upload(path, bytes, { contentType, upsert: false });
      if (error) throw new Error(`storing ${path} in bucket ${bucket} failed: ${error.message}`);
    },
  };
}

/** The folder of the embedded default's uploads. */
export function uploadsFolder(dataDir: string): string {
  return join(dataDir, 'uploads');
}
