-- Operation documents stored before literal values were normalized out of them (lib/accessLog/literals.ts)
-- are the text clients sent, and may hold personal data in clear (a NIK written in the query text).
-- They are scrubbed in place: string and block-string literals become "", numbers 0, comments go, and a
-- NIK- or NIP-shaped run of digits left inside a name is masked as the writer masks it (`_` for `*`).
-- The hash stays the key: the access-log rows that name these documents are hash-chained and cannot
-- be re-keyed, so an old document keeps the hash of what was sent (no longer the hash of what is stored).
-- The lookup hashes those old accesses lack cannot be added either, for the same reason.
UPDATE "operations" SET "document" =
  regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
    "document",
    '"""(?:[^"\\]|\\.|"(?!""))*"""', '""', 'g'),
    '"(?:[^"\\\n]|\\.)*"', '""', 'g'),
    '#[^\n]*', '', 'g'),
    '(?<![_A-Za-z0-9.])-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?', '0', 'g'),
    '(?<![0-9])[0-9]{14}([0-9]{4})(?![0-9])', '______________\1', 'g'),
    '(?<![0-9])([0-9]{6})[0-9]{6}([0-9]{4})(?![0-9])', '\1______\2', 'g');
--> statement-breakpoint
UPDATE "operations" SET "operation_name" =
  regexp_replace(regexp_replace(
    "operation_name",
    '(?<![0-9])[0-9]{14}([0-9]{4})(?![0-9])', '______________\1', 'g'),
    '(?<![0-9])([0-9]{6})[0-9]{6}([0-9]{4})(?![0-9])', '\1______\2', 'g')
WHERE "operation_name" ~ '[0-9]{16}';
