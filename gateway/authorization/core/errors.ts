import { ErrorCode, PenghubungError } from '../../../lib/errors.ts';

/*
 * Errors the core raises for documents it cannot read. A document Apollo Server has validated
 * against the same schema never raises the VALIDATION_FAILED ones; they guard direct callers.
 */

export function unsupportedOperation(operationType: string): PenghubungError {
  return new PenghubungError(ErrorCode.VALIDATION_FAILED, {
    id: `Skema tidak mendukung operasi ${operationType}.`,
    en: `The schema does not support ${operationType} operations.`,
  });
}

export function unknownType(name: string): PenghubungError {
  return new PenghubungError(ErrorCode.VALIDATION_FAILED, {
    id: `Tipe "${name}" tidak ada dalam skema atau bukan tipe objek, antarmuka, atau union.`,
    en: `Type "${name}" is not an object, interface or union type of the schema.`,
  });
}

export function unknownField(typeName: string, fieldName: string): PenghubungError {
  return new PenghubungError(ErrorCode.VALIDATION_FAILED, {
    id: `Field "${fieldName}" tidak ada pada tipe "${typeName}".`,
    en: `Cannot query field "${fieldName}" on type "${typeName}".`,
  });
}

export function selectionOnLeaf(coordinate: string, typeName: string): PenghubungError {
  return new PenghubungError(ErrorCode.VALIDATION_FAILED, {
    id: `Field "${coordinate}" bertipe ${typeName} dan tidak boleh memiliki sub-seleksi.`,
    en: `Field "${coordinate}" of type ${typeName} must not have a selection set.`,
  });
}

export function unknownFragment(name: string): PenghubungError {
  return new PenghubungError(ErrorCode.VALIDATION_FAILED, {
    id: `Fragmen "${name}" tidak didefinisikan.`,
    en: `Unknown fragment "${name}".`,
  });
}

export function unknownOperation(name: string): PenghubungError {
  return new PenghubungError(ErrorCode.BAD_REQUEST, {
    id: `Operasi bernama "${name}" tidak ada dalam dokumen.`,
    en: `Unknown operation named "${name}".`,
  });
}

export function noOperation(): PenghubungError {
  return new PenghubungError(ErrorCode.BAD_REQUEST, {
    id: 'Dokumen tidak berisi operasi apa pun.',
    en: 'The document contains no operation.',
  });
}

export function operationNameRequired(): PenghubungError {
  return new PenghubungError(ErrorCode.BAD_REQUEST, {
    id: 'Dokumen berisi beberapa operasi; sebutkan operationName yang akan dijalankan.',
    en: 'The document contains several operations; operationName must name the one to run.',
  });
}

export function invalidVariables(messages: readonly string[]): PenghubungError {
  return new PenghubungError(
    ErrorCode.BAD_REQUEST,
    {
      id: `Nilai variabel tidak valid: ${messages.join(' ')}`,
      en: `Invalid variable values: ${messages.join(' ')}`,
    },
    { variableErrors: messages },
  );
}

export function conditionNotEvaluable(message: string): PenghubungError {
  return new PenghubungError(ErrorCode.BAD_REQUEST, {
    id: `Direktif @skip/@include tidak dapat dievaluasi: ${message}`,
    en: `Cannot evaluate @skip/@include: ${message}`,
  });
}

export function invalidArguments(coordinate: string, message: string): PenghubungError {
  return new PenghubungError(ErrorCode.BAD_REQUEST, {
    id: `Argumen field ${coordinate} tidak valid: ${message}`,
    en: `Invalid arguments of field ${coordinate}: ${message}`,
  });
}
