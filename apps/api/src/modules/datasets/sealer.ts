import { Injectable } from '@nestjs/common';
import { Encryptor } from '../../core/storage/encryption';

/** A value stored encrypted (sensitive datasets). */
export interface Sealed {
  sealed: string;
}

const TEXT_PREFIX = 'sealed:';

function isSealed(v: unknown): v is Sealed {
  return (
    !!v && typeof v === 'object' && typeof (v as Sealed).sealed === 'string' && Object.keys(v).length === 1
  );
}

/**
 * What is derived from a sensitive dataset's rows — profiles (top values, min/max), proposed rules
 * (accepted values, bounds) — is stored encrypted with the app key, like the file itself, so nothing under
 * the data folder holds its values in clear.
 */
@Injectable()
export class Sealer {
  constructor(private readonly encryptor: Encryptor) {}

  json<T>(value: T, sensitive: boolean): T | Sealed {
    return sensitive ? { sealed: this.encryptor.encryptText(JSON.stringify(value)) } : value;
  }

  openJson<T>(value: T | Sealed): T {
    return isSealed(value) ? (JSON.parse(this.encryptor.decryptText(value.sealed)) as T) : value;
  }

  text(value: string, sensitive: boolean): string {
    return sensitive ? `${TEXT_PREFIX}${this.encryptor.encryptText(value)}` : value;
  }

  openText(value: string): string {
    return value.startsWith(TEXT_PREFIX)
      ? this.encryptor.decryptText(value.slice(TEXT_PREFIX.length))
      : value;
  }
}
