"""Inter-coder agreement on a project: the report (units, statistics, words), reliability
rounds side by side, its exports, the `reliability` calculator for data coded elsewhere, and
adjudication, where the lead writes the consensus the report can be compared with."""
