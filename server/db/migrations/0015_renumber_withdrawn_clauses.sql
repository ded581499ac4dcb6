-- Clauses withdrawn before 0011_clause_structure kept their number (numbering skipped
-- withdrawn clauses only from then on, at the next change of structure). Number every
-- draft's live clauses again the way server/drafts/structure/renumber.ts does: in
-- ordinal order, the clauses that are not withdrawn 1..n, withdrawn ones none.
WITH numbered AS (
	SELECT "id",
		CASE WHEN "status" = 'withdrawn' THEN NULL
		ELSE (count(*) FILTER (WHERE "status" <> 'withdrawn') OVER (PARTITION BY "draft_id" ORDER BY "ordinal", "id" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))::integer
		END AS "number"
	FROM "clauses"
	WHERE "merged_into" IS NULL
)
UPDATE "clauses" SET "number" = numbered."number"
FROM numbered
WHERE "clauses"."id" = numbered."id" AND "clauses"."number" IS DISTINCT FROM numbered."number";
