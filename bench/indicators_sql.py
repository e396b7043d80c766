"""The yardstick of bench/indicators.py: one hand-written SQL statement computing the indicators'
figures by region from the attendance records themselves (not the enrolments' tallies), per the
definitions in docs/indicators.md, and the check that the selector agrees with it on every figure.
Imported by bench/indicators.py once Django is set up; not a test, and pytest does not collect it.
"""

import datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone

# One statement: the same figures by region, per the definitions in docs/indicators.md.
HAND_WRITTEN_SQL = """
WITH scope AS (
    SELECT e.id, e.learner_id, e.status, e.enrolled_on, e.withdrawn_on, e.cohort_id,
           c.end_date, r.name AS region, cp.attendance_required AS req,
           cp.attendance_threshold AS thr, cp.late_counts_as_attended AS late_ok,
           cp.excused_removed_from_denominator AS excused_out, cp.awards_certificate AS awards,
           COALESCE(p.gender, '') AS gender
    FROM courses_enrolment e
    JOIN courses_cohort c ON c.id = e.cohort_id
    JOIN lms_region r ON r.id = c.region_id
    JOIN courses_coursepage cp ON cp.page_ptr_id = c.course_id
    LEFT JOIN lms_profile p ON p.user_id = e.learner_id
    WHERE c.start_date <= %s AND c.end_date >= %s AND e.enrolled_on <= %s
),
sessions AS (
    SELECT s.id AS eid, COUNT(x.id) AS scheduled,
           SUM(CASE WHEN x.date < %s THEN 1 ELSE 0 END) AS before_as_of
    FROM scope s
    LEFT JOIN courses_session x
      ON x.cohort_id = s.cohort_id AND x.cancelled = FALSE AND x.date >= s.enrolled_on
     AND (s.status <> 'withdrawn' OR x.date <= s.withdrawn_on)
    GROUP BY s.id
),
records AS (
    SELECT s.id AS eid,
           SUM(CASE WHEN a.status = 'present' THEN 1 ELSE 0 END) AS present,
           SUM(CASE WHEN a.status = 'late' THEN 1 ELSE 0 END) AS late,
           SUM(CASE WHEN a.status = 'excused' THEN 1 ELSE 0 END) AS excused,
           SUM(CASE WHEN x.date = %s THEN 1 ELSE 0 END) AS on_as_of
    FROM scope s
    JOIN assessments_attendancerecord a ON a.enrolment_id = s.id
    JOIN courses_session x ON x.id = a.session_id AND x.cohort_id = s.cohort_id
    WHERE x.cancelled = FALSE AND x.date >= s.enrolled_on AND x.date <= %s
      AND (s.status <> 'withdrawn' OR x.date <= s.withdrawn_on)
    GROUP BY s.id
),
per AS (
    SELECT s.*, se.scheduled,
           COALESCE(r.present, 0) + CASE WHEN s.late_ok THEN COALESCE(r.late, 0) ELSE 0 END
               AS attended,
           CASE WHEN s.excused_out THEN COALESCE(r.excused, 0) ELSE 0 END AS removed,
           CASE WHEN s.status = 'withdrawn' THEN se.scheduled
                ELSE se.before_as_of + COALESCE(r.on_as_of, 0) END AS held,
           CASE WHEN s.end_date <= %s THEN 1 ELSE 0 END AS ended,
           CASE WHEN EXISTS (
               SELECT 1 FROM certificates_certificate k
               WHERE k.enrolment_id = s.id AND k.status = 'valid' AND k.issued_at < %s
           ) THEN 1 ELSE 0 END AS certified
    FROM scope s JOIN sessions se ON se.eid = s.id LEFT JOIN records r ON r.eid = s.id
),
facts AS (
    SELECT per.*, held - removed AS counted, scheduled - removed AS whole,
           CASE WHEN ended = 1 AND status <> 'withdrawn' AND (
               certified = 1 OR status = 'completed' OR NOT req
               OR (scheduled - removed > 0 AND attended * 100 >= thr * (scheduled - removed))
           ) THEN 1 ELSE 0 END AS completed
    FROM per
)
SELECT region, COUNT(*), COUNT(DISTINCT learner_id),
       SUM(ended), SUM(completed),
       SUM(CASE WHEN ended = 1 AND awards THEN 1 ELSE 0 END),
       SUM(CASE WHEN ended = 1 AND awards THEN certified ELSE 0 END),
       SUM(CASE WHEN counted > 0 THEN attended * 1.0 / counted ELSE 0 END),
       SUM(CASE WHEN counted > 0 THEN 1 ELSE 0 END),
       SUM(CASE WHEN gender = 'woman' THEN 1 ELSE 0 END)
FROM facts GROUP BY region ORDER BY region
"""


def hand_written(start: datetime.date, end: datetime.date, as_of: datetime.date) -> list:
    ops = connection.ops
    day = ops.adapt_datefield_value
    # Certificates count if issued by the end of the period in the site's time zone.
    issued_before = timezone.make_aware(
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time())
    )
    params = [
        day(end),
        day(start),
        day(end),
        day(as_of),
        day(as_of),
        day(as_of),
        day(as_of),
        ops.adapt_datetimefield_value(issued_before),
    ]
    with connection.cursor() as cursor:
        cursor.execute(HAND_WRITTEN_SQL, params)
        return cursor.fetchall()


def check_agreement(sql_rows: list, data) -> None:
    """The selector's by-region table and the SQL agree on every figure."""
    from indicators.rules import percent

    rows = {r.key: r for r in data.by_region.rows}
    assert sorted(rows) == [r[0] for r in sql_rows], (sorted(rows), sql_rows)
    for region, enrolled, people, ended, completed, awarding, certified, att, n, women in sql_rows:
        row = rows[region]
        assert row.enrolments.value == enrolled, (region, row.enrolments, enrolled)
        assert row.people == people, (region, row.people, people)
        assert row.cells["completion"].value == percent(completed, ended), region
        assert row.cells["certification"].value == percent(certified, awarding), region
        assert row.cells["women"].value == percent(women, enrolled), region
        mean = Decimal(att) * 100 / n
        assert abs(row.cells["attendance"].value - mean) < Decimal("0.11"), (region, mean)
