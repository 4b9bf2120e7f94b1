/**
 * Indonesian renderings of graphql-inspector's change messages, for the console and the stored diff.
 * The English message stays the inspector's own. Change types not listed here fall back to a generic
 * Indonesian sentence that embeds the English message, so nothing is ever shown without context.
 */

/** A change as graphql-inspector reports it (only what the rendering needs). */
export interface InspectorChangeLike {
  type: string;
  message: string;
  meta: Record<string, unknown>;
}

type Renderer = (meta: Record<string, unknown>) => string;

const q = (value: unknown): string => `'${String(value)}'`;
const stripNonNull = (type: string): string => type.replaceAll('!', '');

/** Only the `!` differ: a nullability change, which deserves its own wording. */
function nullabilityChange(oldType: string, newType: string): 'tightened' | 'loosened' | null {
  if (oldType === newType || stripNonNull(oldType) !== stripNonNull(newType)) return null;
  return newType.split('!').length > oldType.split('!').length ? 'tightened' : 'loosened';
}

function fieldTypeChanged(meta: Record<string, unknown>): string {
  const coordinate = `${String(meta['typeName'])}.${String(meta['fieldName'])}`;
  const oldType = String(meta['oldFieldType']);
  const newType = String(meta['newFieldType']);
  const nullability = nullabilityChange(oldType, newType);
  if (nullability === 'loosened') {
    return `Field ${q(coordinate)} kini boleh bernilai null (${oldType} → ${newType})`;
  }
  if (nullability === 'tightened') {
    return `Field ${q(coordinate)} kini selalu bernilai (tidak null) (${oldType} → ${newType})`;
  }
  return `Tipe kembalian field ${q(coordinate)} berubah dari ${q(oldType)} menjadi ${q(newType)}`;
}

function argumentTypeChanged(meta: Record<string, unknown>): string {
  const where = `argumen ${q(meta['argumentName'])} pada field ${q(`${String(meta['typeName'])}.${String(meta['fieldName'])}`)}`;
  const oldType = String(meta['oldArgumentType']);
  const newType = String(meta['newArgumentType']);
  const nullability = nullabilityChange(oldType, newType);
  if (nullability === 'tightened') return `Nilai ${where} kini wajib diisi (${oldType} → ${newType})`;
  if (nullability === 'loosened') return `Nilai ${where} kini boleh kosong (${oldType} → ${newType})`;
  return `Tipe ${where} berubah dari ${q(oldType)} menjadi ${q(newType)}`;
}

function inputFieldTypeChanged(meta: Record<string, unknown>): string {
  const coordinate = `${String(meta['inputName'])}.${String(meta['inputFieldName'])}`;
  const oldType = String(meta['oldInputFieldType']);
  const newType = String(meta['newInputFieldType']);
  const nullability = nullabilityChange(oldType, newType);
  if (nullability === 'tightened')
    return `Field input ${q(coordinate)} kini wajib diisi (${oldType} → ${newType})`;
  if (nullability === 'loosened')
    return `Field input ${q(coordinate)} kini boleh kosong (${oldType} → ${newType})`;
  return `Tipe field input ${q(coordinate)} berubah dari ${q(oldType)} menjadi ${q(newType)}`;
}

function rootTypeChanged(operation: string, oldName: unknown, newName: unknown): string {
  if (oldName === null || oldName === undefined) return `Tipe akar ${operation} ${q(newName)} ditetapkan`;
  if (newName === null || newName === undefined) return `Tipe akar ${operation} ${q(oldName)} dihapus`;
  return `Tipe akar ${operation} berubah dari ${q(oldName)} menjadi ${q(newName)}`;
}

const field = (meta: Record<string, unknown>, name: string): string =>
  q(`${String(meta['typeName'])}.${String(meta[name])}`);

const RENDERERS: Record<string, Renderer> = {
  TYPE_ADDED: (m) => `Tipe ${q(m['addedTypeName'])} ditambahkan`,
  TYPE_REMOVED: (m) => `Tipe ${q(m['removedTypeName'])} dihapus`,
  TYPE_KIND_CHANGED: (m) =>
    `Jenis tipe ${q(m['typeName'])} berubah dari ${String(m['oldTypeKind'])} menjadi ${String(m['newTypeKind'])}`,
  TYPE_DESCRIPTION_ADDED: (m) => `Deskripsi tipe ${q(m['typeName'])} ditambahkan`,
  TYPE_DESCRIPTION_CHANGED: (m) => `Deskripsi tipe ${q(m['typeName'])} diubah`,
  TYPE_DESCRIPTION_REMOVED: (m) => `Deskripsi tipe ${q(m['typeName'])} dihapus`,

  FIELD_ADDED: (m) => `Field ${field(m, 'addedFieldName')} ditambahkan`,
  FIELD_REMOVED: (m) =>
    `Field ${field(m, 'removedFieldName')} dihapus${m['isRemovedFieldDeprecated'] ? ' (sebelumnya sudah ditandai usang)' : ''}`,
  FIELD_TYPE_CHANGED: fieldTypeChanged,
  FIELD_DESCRIPTION_ADDED: (m) => `Deskripsi field ${field(m, 'fieldName')} ditambahkan`,
  FIELD_DESCRIPTION_CHANGED: (m) => `Deskripsi field ${field(m, 'fieldName')} diubah`,
  FIELD_DESCRIPTION_REMOVED: (m) => `Deskripsi field ${field(m, 'fieldName')} dihapus`,
  FIELD_DEPRECATION_ADDED: (m) => `Field ${field(m, 'fieldName')} ditandai usang (deprecated)`,
  FIELD_DEPRECATION_REMOVED: (m) => `Tanda usang (deprecated) pada field ${field(m, 'fieldName')} dicabut`,
  FIELD_DEPRECATION_REASON_ADDED: (m) => `Alasan usang field ${field(m, 'fieldName')} ditambahkan`,
  FIELD_DEPRECATION_REASON_CHANGED: (m) => `Alasan usang field ${field(m, 'fieldName')} diubah`,
  FIELD_DEPRECATION_REASON_REMOVED: (m) => `Alasan usang field ${field(m, 'fieldName')} dihapus`,

  FIELD_ARGUMENT_ADDED: (m) =>
    `Argumen ${q(m['addedArgumentName'])} (${String(m['addedArgumentType'])}) ditambahkan pada field ${field(m, 'fieldName')}` +
    (m['isAddedFieldArgumentBreaking'] ? ' dan wajib diisi' : ''),
  FIELD_ARGUMENT_REMOVED: (m) =>
    `Argumen ${q(m['removedFieldArgumentName'])} dihapus dari field ${field(m, 'fieldName')}`,
  FIELD_ARGUMENT_TYPE_CHANGED: argumentTypeChanged,
  FIELD_ARGUMENT_DEFAULT_CHANGED: (m) =>
    `Nilai bawaan argumen ${q(m['argumentName'])} pada field ${field(m, 'fieldName')} berubah dari ` +
    `${String(m['oldDefaultValue'] ?? '(tidak ada)')} menjadi ${String(m['newDefaultValue'] ?? '(tidak ada)')}`,
  FIELD_ARGUMENT_DESCRIPTION_CHANGED: (m) =>
    `Deskripsi argumen ${q(m['argumentName'])} pada field ${field(m, 'fieldName')} diubah`,

  INPUT_FIELD_ADDED: (m) =>
    `Field input ${q(`${String(m['inputName'])}.${String(m['addedInputFieldName'])}`)} (${String(m['addedInputFieldType'])}) ditambahkan` +
    (m['isAddedInputFieldTypeNullable'] || m['addedFieldDefault'] !== undefined ? '' : ' dan wajib diisi'),
  INPUT_FIELD_REMOVED: (m) =>
    `Field input ${q(`${String(m['inputName'])}.${String(m['removedFieldName'])}`)} dihapus`,
  INPUT_FIELD_TYPE_CHANGED: inputFieldTypeChanged,
  INPUT_FIELD_DEFAULT_VALUE_CHANGED: (m) =>
    `Nilai bawaan field input ${q(`${String(m['inputName'])}.${String(m['inputFieldName'])}`)} berubah dari ` +
    `${String(m['oldDefaultValue'] ?? '(tidak ada)')} menjadi ${String(m['newDefaultValue'] ?? '(tidak ada)')}`,
  INPUT_FIELD_DESCRIPTION_ADDED: (m) =>
    `Deskripsi field input ${q(`${String(m['inputName'])}.${String(m['inputFieldName'])}`)} ditambahkan`,
  INPUT_FIELD_DESCRIPTION_CHANGED: (m) =>
    `Deskripsi field input ${q(`${String(m['inputName'])}.${String(m['inputFieldName'])}`)} diubah`,
  INPUT_FIELD_DESCRIPTION_REMOVED: (m) =>
    `Deskripsi field input ${q(`${String(m['inputName'])}.${String(m['inputFieldName'])}`)} dihapus`,

  ENUM_VALUE_ADDED: (m) => `Nilai ${q(m['addedEnumValueName'])} ditambahkan pada enum ${q(m['enumName'])}`,
  ENUM_VALUE_REMOVED: (m) => `Nilai ${q(m['removedEnumValueName'])} dihapus dari enum ${q(m['enumName'])}`,
  ENUM_VALUE_DESCRIPTION_CHANGED: (m) =>
    `Deskripsi nilai ${q(m['enumValueName'])} pada enum ${q(m['enumName'])} diubah`,
  ENUM_VALUE_DEPRECATION_REASON_ADDED: (m) =>
    `Nilai ${q(m['enumValueName'])} pada enum ${q(m['enumName'])} ditandai usang (deprecated)`,
  ENUM_VALUE_DEPRECATION_REASON_CHANGED: (m) =>
    `Alasan usang nilai ${q(m['enumValueName'])} pada enum ${q(m['enumName'])} diubah`,
  ENUM_VALUE_DEPRECATION_REASON_REMOVED: (m) =>
    `Tanda usang nilai ${q(m['enumValueName'])} pada enum ${q(m['enumName'])} dicabut`,

  UNION_MEMBER_ADDED: (m) =>
    `Tipe ${q(m['addedUnionMemberTypeName'])} ditambahkan ke union ${q(m['unionName'])}`,
  UNION_MEMBER_REMOVED: (m) =>
    `Tipe ${q(m['removedUnionMemberTypeName'])} dikeluarkan dari union ${q(m['unionName'])}`,
  OBJECT_TYPE_INTERFACE_ADDED: (m) =>
    `Tipe ${q(m['objectTypeName'])} kini mengimplementasikan interface ${q(m['addedInterfaceName'])}`,
  OBJECT_TYPE_INTERFACE_REMOVED: (m) =>
    `Tipe ${q(m['objectTypeName'])} tidak lagi mengimplementasikan interface ${q(m['removedInterfaceName'])}`,

  SCHEMA_QUERY_TYPE_CHANGED: (m) => rootTypeChanged('query', m['oldQueryTypeName'], m['newQueryTypeName']),
  SCHEMA_MUTATION_TYPE_CHANGED: (m) =>
    rootTypeChanged('mutation', m['oldMutationTypeName'], m['newMutationTypeName']),
  SCHEMA_SUBSCRIPTION_TYPE_CHANGED: (m) =>
    rootTypeChanged('subscription', m['oldSubscriptionTypeName'], m['newSubscriptionTypeName']),

  DIRECTIVE_ADDED: (m) => `Direktif ${q(`@${String(m['addedDirectiveName'])}`)} ditambahkan`,
  DIRECTIVE_REMOVED: (m) => `Direktif ${q(`@${String(m['removedDirectiveName'])}`)} dihapus`,
};

/** The Indonesian sentence for one change. */
export function renderChangeId(change: InspectorChangeLike): string {
  const render = RENDERERS[change.type];
  if (render) {
    try {
      return render(change.meta);
    } catch {
      // A meta shape we did not expect (a newer inspector): fall through to the generic sentence.
    }
  }
  return `Perubahan skema (${change.type}): ${change.message}`;
}
