-- The bench's word lists: $v variant, $r rank, $w word, $s size of the variant's list.
CREATE TEMP TABLE vocab AS
SELECT unnest($v) AS variant, unnest($r) AS rank, unnest($w) AS word, unnest($s) AS size;
