import type { EvidenceDto, EvidenceRowDto } from '@dqw/shared-types';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { InjectConfig, type AppConfig } from '../../../core/config';
import { Encryptor } from '../../../core/storage/encryption';

/** The evidence of one run as stored (the API's EvidenceDto). */
export type EvidenceFile = EvidenceDto;

const SAFE_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Evidence files under the storage root: `evidence/<datasetId>/<runId>.json`, or `.json.enc`
 * (AES-256-GCM) when the dataset is sensitive. Writes are atomic (temp file + rename), so a retried job
 * writing the same run's evidence again never leaves a torn file.
 */
@Injectable()
export class EvidenceStore {
  private readonly root: string;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly encryptor: Encryptor,
  ) {
    this.root = resolve(config.dataDir, 'storage');
  }

  /** Writes the file; returns its path relative to the storage root. */
  async write(evidence: EvidenceFile, encrypted: boolean): Promise<string> {
    if (!SAFE_ID.test(evidence.datasetId) || !SAFE_ID.test(evidence.runId)) {
      throw new Error('Evidence ids must be plain identifiers');
    }
    const rel = join('evidence', evidence.datasetId, `${evidence.runId}.json${encrypted ? '.enc' : ''}`);
    const path = this.absolute(rel);
    await mkdir(dirname(path), { recursive: true });
    const plain = Buffer.from(JSON.stringify(evidence), 'utf8');
    const tmp = `${path}.${randomUUID()}.tmp`;
    await writeFile(tmp, encrypted ? this.encryptor.encrypt(plain) : plain, { mode: 0o600 });
    await rename(tmp, path);
    return rel;
  }

  /** Reads a file written by `write`; null when it no longer exists. */
  async read(rel: string): Promise<EvidenceFile | null> {
    let data: Buffer;
    try {
      data = await readFile(this.absolute(rel));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const plain = rel.endsWith('.enc') ? this.encryptor.decrypt(data) : data;
    return JSON.parse(plain.toString('utf8')) as EvidenceFile;
  }

  async remove(rel: string): Promise<void> {
    await rm(this.absolute(rel), { force: true });
  }

  private absolute(rel: string): string {
    const path = resolve(this.root, rel);
    // Paths come from our own rows, but never let one point outside the storage root.
    if (!path.startsWith(this.root + sep)) throw new Error('Evidence path outside the storage root');
    return path;
  }
}

export type { EvidenceRowDto };
