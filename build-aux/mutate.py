#!/usr/bin/python3
"""Mutation check: are small deliberate bugs in app/ caught by the fast tests?

  build-aux/mutate.py [--sample N] [--seed S] [--files app/pw-parse.c ...]
                      [--builddir build] [--timeout SECONDS] [--budget SECONDS]
                      [--fail-under PERCENT] [--list]

Applies one operator-level mutation at a time to app/*.c -- a comparison
changed (< <= > >= == !=), an integer constant moved by one, && and ||
swapped, a call statement dropped, an if's condition negated (its branches
swapped) -- rebuilds incrementally with ninja (every program the core and
cli suites run, as `meson introspect` lists them), runs those suites
(stopping at the first failure, with a per-mutant timeout) and restores the
file.  A mutant first faces the few tests likeliest to kill it -- those
that killed mutants of the same file before (remembered in the build
directory) or named like it -- with only their programs rebuilt; only if
it survives them is everything rebuilt and every other test of the suites
run, so a survivor has faced the whole of both suites, as before, and a
kill is found sooner.  The seed may be any text (CI passes the commit hash, so each commit
tries other mutants); --budget stops trying new mutants after that many
seconds and ends the tests of one that runs past them (that one is not
counted: neither killed nor survived), which bounds the run in CI.  Prints each mutant's fate, the
kill ratio and the survivors.  A mutant that does not compile is
stillborn and not counted.  The source file is always restored, also on
Ctrl+C, and the build is brought back up to date at the end.

The meson log goes to meson-logs/mutate.json, so the real test log is left
alone.  Exit status: 0 (survivors are reported; with --fail-under, 1 when
too few are killed), 2 on a broken baseline (the suites fail without any
mutation).  Run it when nothing else builds in the same build directory.
SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import glob
import json
import os
import random
import re
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The suites every mutant faces; the programs they run are found with
# `meson introspect --tests`, so a new core test is rebuilt with the mutant
# (a test program left unbuilt would test the unmutated library).
SUITES = ("core", "cli")

# pw-demo.c and pw-demo-boards.c only build demonstration data; their
# numbers and dates are arbitrary.
SKIP_FILES = {"app/pw-demo.c", "app/pw-demo-boards.c"}

# Equivalent mutants: (file, text on the line, mutation) that cannot change
# behaviour, so no test can kill them.  Each says why.  They are dropped
# after sampling, so a sample stays the same when this list grows.
EQUIVALENT = [
    # funding_from_row: the stream starts as 0, so the loop may as well start at 1.
    ("app/store/pw-store-workforce.c", "for (PwFundingStream s = 1; s < PW_N_STREAMS; s++)", "0 -> 1"),
    # The tests run in the C locale with no catalogue installed.
    ("app/pw-cli.c", "(void) 0;", "drop bindtextdomain ()"),
    ("app/pw-cli.c", "(void) 0;", "drop bind_textdomain_codeset ()"),
    ("app/pw-cli.c", "(void) 0;", "drop textdomain ()"),
    # unknown_role: a name at distance 0 (same but for case) is a known role,
    # found before suggestions are sought, so the search may start at 1.
    ("app/import/pw-import.c", "for (guint d = 1; d <= limit && found < 3; d++)", "0 -> 1"),
    # split_year: "99/00" rolls into the next century only for 1999 and 2099,
    # both outside PW_YEAR_MIN..PW_YEAR_MAX, so no accepted year depends on it.
    # (99 -> 98 is not listed: it rolls 2098/99 over, which test-parse refuses.)
    ("app/pw-parse.c", "(*first % 100 ==", "99 -> 100"),
    # The same: x % 99 is never 99, so the ternary gives the 0 it gives
    # every year in range; what it adds for 1999 and 2099 only they see.
    ("app/pw-parse.c", "(*first % 99 == 99", "100 -> 99"),
    ("app/pw-parse.c", "% 100 == 99 ? 101 : 0", "100 -> 101"),
    ("app/pw-parse.c", "% 100 == 99 ? 99 : 0", "100 -> 99"),
    # trim_span (profiles): the leading spaces are skipped first, so s[0]
    # is never a space and the trailing loop never stops at n == 1 on one.
    ("app/import/pw-import-profiles.c", "while (n > 1 && g_ascii_isspace (s[n - 1]))", "0 -> 1"),
    # split_date: digits () gives -1 for what is not digits, so ">= 0" asks
    # "digits?"; "> 0" also turns a 0 day, month or year away here.
    # pw_parse_date turns each of those away next, with the same message
    # (g_date_valid_dmy (), the years from 1900); pw_format_date only
    # formats ISO dates pw_parse_date wrote, none of which has a 0 in it.
    # ("0 -> 1" makes the same "> 0" as ">= -> >".)
    *[("app/pw-parse.c", "return " + ["*d {0} && *m >= 0 && *y >= 0;", "*d >= 0 && *m {0} && *y >= 0;",
                                      "*d >= 0 && *m >= 0 && *y {0};"][i].format(t), k)
      for i in range(3) for t, k in (("> 0", ">= -> >"), (">= 1", "0 -> 1"))],
    # complete_by_key: keys come from columns the schema CHECKs to the n
    # known values, so key == n never happens.
    ("app/store/pw-store-models.c", "key >= 0 && key <= n", "< -> <="),
    # pw_domain_parse: no two domain names start alike, so matches is 0 or 1
    # when the message is chosen.
    ("app/pw-matrix.c", "matches >= 1 ?", "> -> >="),
    # complete_by_key: each key occurs once (the tables' primary keys).
    ("app/store/pw-store-models.c", "key < n || g_ptr_array_index", "&& -> ||"),
    # Not closing the descriptor of the empty file just created, or of the
    # backup just synced, only leaks it (on Linux, where the tests run).
    ("app/store/pw-store.c", "(void) 0;", "drop close ()"),
    ("app/store/pw-store-backups.c", "(void) 0;", "drop close ()"),
    # pw_export_write_evidence: for a PCN with no rows (row == first) the
    # block to keep together is empty; keeping it only counts the rows
    # before it, which the next block (or nothing, at the end) counts alike.
    ("app/export/pw-export-evidence.c", "if (row >= first)", "> -> >="),
    # pw_table_begin: at the top of a page (nothing used) a break is due
    # only for a table taller than a page, and the table measured is never
    # that: one that would be is taken as its heading and two rows.
    ("app/export/pw-export-layout.c", "if (x->page_used >= 0 && x->page_used + table > page", "> -> >="),
    # pw_export_add: a value of 0 never overflows either way, so which
    # side's test takes it makes no difference.
    ("app/export/pw-export-cells.c", "if ((value >= 0 && *sum > G_MAXINT64 - value)", "> -> >="),
    ("app/export/pw-export-cells.c", "(value <= 0 && *sum < G_MININT64 - value)", "< -> <="),
    ("app/export/pw-export-cells.c", "(value < 1 && *sum < G_MININT64 - value)", "0 -> 1"),
    # import_pcn (bulk import): a WTE not given is stored through run ()'s
    # "n", which binds any negative number as NULL, so -2 is -1.
    ("app/store/pw-store-bulk.c", "pw_pcn_get_number (before, PW_PCN_CD_WTE) : -2;", "1 -> 2"),
    ("app/store/pw-store-bulk.c", "pw_pcn_get_number (before, PW_PCN_MANAGER_WTE) : -2;", "1 -> 2"),
    # import_pcn (bulk import): a PCN with no locality is stored the same
    # way ("n" again), on insert and on update.
    ("app/store/pw-store-bulk.c", "locality_id > 0 ? locality_id : (gint64) -2", "1 -> 2"),
    # pw_form_file_name: no character of the list ("<>:\"/\\|?*") is 0x80,
    # and strchr () of a code point past 0x7F is only asked when it is
    # under 0x80, so < and <= choose alike.  The ternary is only reached
    # for a control character or one of the list, never for a space (0x20),
    # so "c <= 0x20" there is "c < 0x20".
    ("app/export/pw-export-forms.c", "(c <= 0x80 && strchr", "< -> <="),
    ("app/export/pw-export-forms.c", "c = (c <= 0x20 || c == 0x7F) ? ' ' : '-';", "< -> <="),
    # put_entries (forms): the entries are a GListStore (collect ()), whose
    # get_item () one past the end is NULL, what the guard gives.
    ("app/export/pw-export-forms.c", "i <= g_list_model_get_n_items (now) ? g_list_model_get_item (now, i)", "< -> <="),
    # write_all (board imports): a put that fails after its board_begin ()
    # has rolled the whole transaction back itself (board_finish), and the
    # checks a put makes before that (names, dates, the locality) are the
    # import's own, made on every row before any is written; so the
    # rollback after a failed put finds nothing open.
    ("app/import/pw-import-boards.c", "(void) 0;", "drop pw_store_rollback ()"),
    # batch_queue (team workbooks' bulk writes): with || each statement
    # first waits for the answers to those queued before it, so the queue
    # never fills and the pipeline is gone; the same statements run in the
    # same order, and a failure is still taken with its row (failed_row)
    # and ends the batch.  It costs only time (a round trip a row), which
    # build-aux/pg-bench.sh measures and no test may time.
    ("app/store/pw-db-pg-bulk.c", "if (b->queued->len + 2 > BATCH_MAX || batch_wait (self) != DB_OK)", "&& -> ||"),
    # The same line: draining the queue one statement sooner or later
    # (BATCH_MAX of 512 answers of under 100 bytes, far inside a socket's
    # buffers either way) sends and answers the same statements in the
    # same order; only when the answers are read moves.
    *[("app/store/pw-db-pg-bulk.c", "BATCH_MAX && batch_wait (self) != DB_OK)", k) for k in ("2 -> ", "> -> >=")],
    # dispatch (roles years): argv ends in NULL (C's main, kept so by
    # g_option_context_parse, which sets each slot it empties to NULL), so
    # with argc == 5 argv[5] is the NULL that "argc > 5 ? … : NULL" gives.
    ("app/pw-cli.c", "argc > 4 ? argv[5] : NULL", "5 -> 4"),
    # pw_level_is_dark: the luma of each level's colour (and of white) is
    # over 10,000 from the threshold of 100,000 (the nearest: 84,545 and
    # 110,546), so moving a weight or the threshold by one (at most 1,000)
    # or taking < for <= gives every level the same answer.  (The shifts
    # are not listed: 8 -> 7 or 9 reads another channel and is caught.)
    *[("app/pw-matrix.c", "(rgb & 0xFF) <", k) for k in ("< -> <=", "299 -> ", "587 -> ", "114 -> ", "100 -> ", "1000 -> ")],
    # watch (team workbooks): a source's name is only what a profiler or
    # debugger shows; nothing looks a source up by it.
    ("app/store/pw-db-pg.c", "(void) 0;", "drop g_source_set_name ()"),
    # normalise (board choices): a space is never appended to an
    # empty string (the loop skips it), so a string ending in a space is
    # at least two long and "len > 1" trims what "len > 0" does.
    ("app/pw-board.c", "if (s->len > 1 && s->str[s->len - 1] == ' ')", "0 -> 1"),
    # read_rows: every cached statement is reset by cached () before it is
    # bound again, and one that returned DONE or an error is halted (SQLite
    # ends its read in autocommit) or holds only its result's memory
    # (PostgreSQL), so the reset after the loop changes nothing one sees.
    ("app/store/pw-store-export-reads.c", "(void) 0;", "drop db_reset ()"),
    # reconnect, renew_start: a batch always ends (db_batch_end, on failure
    # too) before its transaction, and a new session is only made outside
    # one; an ended batch is off, its queue empty and its rc DB_OK, so
    # freeing it only frees memory (batch_of () makes the same one again).
    ("app/store/pw-db-pg.c", "(void) 0;", "drop pg_batch_free ()"),
    # pw_store_undo: only an archive's undo has an archive_id, and it has
    # no row to restore and no moves, so ok is still TRUE there; with ||
    # a delete's or merge's undo also runs the UPDATE for id 0, a row no
    # workbook has (ids start at 1), as roles that may update pcn (heads
    # cannot delete or merge, so never undo one).
    ("app/store/pw-store-archive.c", "if (ok || undo->archive_id != 0)", "&& -> ||"),
    # pw_store_finalize: forget_contract_items () only unrefs the added
    # items' arrays; in finalize, with the store gone, not calling it leaks.
    ("app/store/pw-store.c", "(void) 0;", "drop forget_contract_items ()"),
    # The bulk imports' db_batch_begin only lets PostgreSQL take the writes
    # without waiting for each answer (a no-op on SQLite); without it each
    # write waits, and a failure surfaces at once for the same row
    # (db_batch_row), with the same message: slower (bench-pg), not other.
    ("app/store/pw-store-bulk.c", "(void) 0;", "drop db_batch_begin ()"),
    # lite_reset: every use of a statement binds each of its parameters
    # (the types given cover every ?N of each call's SQL, and query_values
    # binds one value a column), so a reset statement's old values are
    # always replaced before it runs again; clearing them only frees them.
    ("app/store/pw-db-sqlite.c", "(void) 0;", "drop sqlite3_clear_bindings ()"),
    # va_end () expands to nothing with GCC and Clang on every target the
    # app is built for (x86-64 and arm64 Linux, MinGW): a va_list there
    # holds no resource, so leaving it out changes nothing one can see.
    *[(f, "(void) 0;", "drop va_end ()")
      for f in ("app/store/pw-db.c", "app/store/pw-store.c", "app/store/pw-store-boards.c",
                "app/store/pw-store-versions.c", "app/export/pw-export-cells.c", "app/pw-xlsx-reader.c",
                "app/import/pw-import-forms.c", "app/import/pw-import.c")],
    # append_value: every value comes after a head ("Level: Leadership: ",
    # from words_init), so a string with something in it holds at least
    # that head, never one byte: "> 1" asks the same as "> 0".
    ("app/store/pw-store-bulk.c", "if (s->len > 1)", "0 -> 1"),
    # compare_backups: "<=" differs only for two copies of one day written
    # in the same second, saying "x first" for them rather than "equal".
    # g_ptr_array_sort is GLib's merge sort, which takes the left one on
    # "<= 0" either way: the order stays as list_names gave it.
    ("app/store/pw-store-backups.c", "(y->modified <= x->modified)", "< -> <="),
    # take_answer: only the bulk imports batch (db_batch_begin), and each
    # INSERT they send is one VALUES row with no OR IGNORE: its answer has
    # its one id, or the INSERT failed.  "> 0" guards a case that never comes.
    ("app/store/pw-db-pg-bulk.c", "q->stmt->returns_id && PQntuples (res) >= 0", "> -> >="),
    # raw_text: "A && B || !null" differs from "A && B && !null" only for
    # one row holding NULL (no row: PQgetisnull is 1 out of range), and
    # none of its queries yields NULL: pw_group () (a concatenation of
    # non-NULL parts), current_schema () (NULL only with no schema on the
    # search path, where no workbook could be made), to_regclass () IS NOT
    # NULL, pw_role_text () (a CASE whose branches are coalesced).
    ("app/store/pw-db-pg-roles.c", "PQntuples (res) == 1 || !PQgetisnull (res, 0, 0)", "&& -> ||"),
    # unescape: at length 6 the byte s[6] is the string's closing NUL,
    # never '_', so "len < 6" refuses the same strings as "len < 7".
    ("app/pw-xlsx-sheet.c", "if (len < 6 || s[0] != '_'", "7 -> 6"),
    # The cell type: type_names[0] is "n", the type a cell has when its t
    # names none, so the search may start at 1.
    ("app/pw-xlsx-sheet.c", "for (guint i = 1; t != NULL && i < G_N_ELEMENTS (type_names); i++)", "0 -> 1"),
    # A cell reference's column: any four letters are AAAA (18,279) or
    # more, past XFD (16,384), so reading a fourth letter refuses the same.
    ("app/pw-xlsx-sheet.c", "for (; g_ascii_isalpha (ref[i]) && i <= 3; i++)", "< -> <="),
    ("app/pw-xlsx-sheet.c", "for (; g_ascii_isalpha (ref[i]) && i < 4; i++)", "3 -> 4"),
    # on_entity: an entity can be declared only inside a DOCTYPE, and
    # on_doctype has already stopped the parser there.
    ("app/pw-xlsx-reader.c", "(void) 0;", "drop on_doctype ()", "on_entity"),
    # read_capped: appending 0 bytes does nothing.
    ("app/pw-xlsx-reader.c", "if (n >= 0)", "> -> >=", "read_capped"),
    # The SWOT file's quadrant column is 2 when it has one, else -1.
    ("app/import/pw-import-items.c", "file->quadrant > 0 ?", ">= -> >"),
    ("app/import/pw-import-items.c", "file->quadrant >= 1 ?", "0 -> 1"),
    # form_clear and the reader's finalize only free: a mutant there leaks.
    ("app/import/pw-import-forms.c", "= 1;", "0 -> 1", "form_clear"),
    ("app/pw-xlsx-reader.c", "self->zip", "", "pw_xlsx_reader_finalize"),
    # db_batch_begin with its if negated: PostgreSQL then writes without
    # batching, as with "drop db_batch_begin ()" above (each answer read at
    # once: the same rows, the same errors); SQLite has nothing to batch.
    ("app/store/pw-db.c", "PW_DB_PG", "", "db_batch_begin"),
    # cmd_copy: the new file's store is closed (g_clear_object) before the
    # removals, and SQLite deletes a WAL file's -wal and -shm when the last
    # connection closes (no PERSIST_WAL here): the two removals are for a
    # close that could not, which these suites cannot bring about.
    # rels_parse: a folder of "." and of "" resolve alike (resolve_target
    # skips "." parts), and the folder is a resolved part's, which never
    # starts with '/', the one byte for which strcmp against "." gives 1.
    ("app/pw-xlsx-reader.c", "strcmp (dir, \".\") == 1 ? \"\" : dir", "0 -> 1"),
    # take_answer: in one pipeline sync the server answers every statement
    # after the first failure PGRES_PIPELINE_ABORTED, and batch_queue queues
    # nothing once b->rc is set, so no real failure can follow the first nor
    # an aborted one precede it (/mutants-s22/import-names-first-failure).
    ("app/store/pw-db-pg-bulk.c", "if (status != PGRES_PIPELINE_ABORTED || b->rc == DB_OK)", "&& -> ||"),
    ("app/pw-cli.c", "g_remove (wal);", "drop g_remove ()", "cmd_copy"),
    ("app/pw-cli.c", "g_remove (shm);", "drop g_remove ()", "cmd_copy"),
    # Not equivalent but undefined: reading range_keys[4], one past the
    # array, is caught by the sanitizer run (checked: its forms test fails
    # with a global-buffer-overflow), not by these suites, like a leak.
    ("app/import/pw-import-forms.c", "r <= G_N_ELEMENTS (range_keys)", "< -> <="),
    # last_year_levels: pw_store_list_maturity gives one row per domain
    # (complete_by_key), so d is always below the count.
    ("app/import/pw-import-forms.c", "now && d <= g_list_model_get_n_items (now)", "< -> <="),
    # g_param_value_set_default () and g_object_get_property () initialise
    # an empty GValue themselves (GLib 2.64 and 2.60; Debian 12 has 2.74).
    ("app/pw-row.c", "(void) 0;", "drop g_value_init ()", "row_values"),
    ("app/pw-util.c", "(void) 0;", "drop g_value_init ()", "pw_object_sync"),
    # pw_row_finalize only frees: these only leak.
    *[("app/pw-row.c", "priv->values", k, "pw_row_finalize") for k in ("1 -> 2", "1 -> 0", "!= -> ==",
                                                                        "drop g_value_unset ()")],
    # pw_object_sync: only PwRows are synced, whose setter announces a real
    # change only, so setting equal values again is invisible; and every
    # PwRow property is read-write and none construct-only.
    ("app/pw-util.c", "g_object_get_property (dest, pspec->name, &a);", "drop g_object_get_property ()"),
    ("app/pw-util.c", "G_PARAM_WRITABLE) && (pspec->flags & G_PARAM_CONSTRUCT_ONLY)", "|| -> &&"),
    # split_year: a first or second part that is not digits gives -1 or
    # 1999, never a year in range nor first + 1: refused alike either way.
    ("app/pw-parse.c", "if (*first < 0 && *second < 0)", "|| -> &&"),
    # cmd_contract and the years commands: argv[argc] is NULL, so asking
    # one place further gives the NULL the bound gives.
    ("app/pw-cli.c", "argc > 5 ? argv[6] : NULL", "6 -> 5"),
    ("app/pw-cli.c", "argc >= 6 ? argv[6] : NULL", "> -> >="),
    ("app/pw-cli.c", "argc >= 5 ? argv[5] : NULL", "> -> >="),
    # pw-export-layout.c, the page edge: tables start at row 2 or later,
    # page_used is 0 or at least 15 there, and row heights are whole points
    # (tenths only on SWOT) while a page is never whole at any scale from
    # 80 to 100 % (497.43 at SWOT's 91 %): no table ends exactly on the edge.
    *[("app/export/pw-export-layout.c", t, k) for t, k in (
        ("x->page_used + table >= page", "> -> >="), ("table > page && row >= 0", "> -> >="),
        ("table > page && row > 1", "0 -> 1"), ("if (x->page_used > 1 && x->page_used + table", "0 -> 1"))],
    # apply_height is called only with a set height or text over 15 pt
    # (10-pt text is at least 16 pt); setting an equal height again writes
    # the same row; every format's font is 10, 11 or 14 pt.
    *[("app/export/pw-export-layout.c", t, k) for t, k in (
        ("h->text >= DEFAULT_ROW_POINTS ? h->text : 0", "> -> >="),
        ("h->text > DEFAULT_ROW_POINTS ? h->text : 1", "0 -> 1"),
        ("h->set >= 0 || text > 0", "> -> >="), ("h->set > 1 || text > 0", "0 -> 1"),
        ("h->set > 0 || text > 1", "0 -> 1"), ("needed < h->text", "<= -> <"),
        ("needed >= DEFAULT_ROW_POINTS &&", "> -> >="), ("needed > DEFAULT_ROW_POINTS ||", "&& -> ||"),
        ("&& needed >= h->set", "> -> >="), ("format->font_size >= 0 ?", "> -> >="),
        ("format->font_size > 1 ?", "0 -> 1"))],
    # already_clean is only a fast path: "not clean" more often sends the
    # text through clean_text, which gives the same text and count.  And
    # U+FFFF is dropped before it is counted.
    *[("app/export/pw-export-cells.c", t, k) for t, k in (
        ("if (*p <= 0x20 && *p != '\\t'", "< -> <="), ("if (*p < 0x20 || *p != '\\t'", "&& -> ||"),
        ("*p != '\\t' || *p != '\\n'", "&& -> ||"), ("*p != '\\n' || *p != '\\r'", "&& -> ||"),
        ("if (*p == 0xEF || p[1] == 0xBF", "&& -> ||"), ("if (!(*p == 0xEF && p[1] == 0xBF", "negate if"),
        ("*units += c >= 0xFFFF ? 2 : 1;", "> -> >="))],
    # A 1p rate cannot overflow: WTE is at most 9999 hundredths.
    ("app/export/pw-export-arrs.c", "if (rate > 1 && hundredths", "0 -> 1"),
    # Durability across a power cut only, which no test can cut.
    ("app/export/pw-export-file.c", "g_fsync (fd);", "drop g_fsync ()", "sync_folder"),
    ("app/export/pw-export-file.c", "sync_folder (f->path);", "drop sync_folder ()"),
    ("app/export/pw-export-file.c", "fd >= 0 || g_fsync (fd) == 0", "&& -> ||"),
    # Not equivalent but undefined, and caught by the sanitizer run (checked:
    # a global-buffer-overflow in detect_kind, a heap-buffer-overflow in
    # pw_store_maturity_levels), not by these suites, like a leak.
    ("app/import/pw-import.c", "k <= G_N_ELEMENTS (kinds)", "< -> <="),
    ("app/store/pw-store-returns.c", "for (guint d = 0; d <= PW_N_DOMAINS; d++)", "< -> <=",
     "pw_store_maturity_levels"),
    # Only a reconnect taking exactly 1,000,000 microseconds tells them apart.
    ("app/store/pw-db-pg.c", "start >= G_USEC_PER_SEC", "> -> >="),
    # renew_wait: every caller has already cleared pg_reconnect.
    ("app/store/pw-db-pg.c", "(void) 0;", "drop drop_source ()", "renew_wait"),
    # GLib takes any negative length as "up to the terminating NUL".
    ("app/store/pw-store-contract.c", "g_utf8_strlen (name, -2)", "1 -> 2"),
    # pg_finalize only frees: this only leaks the first parameter's copy.
    ("app/store/pw-db-pg.c", "for (guint i = 1; i < stmt->n_params; i++)", "0 -> 1", "pg_finalize"),
]

# Dropping a call to one of these only leaks memory: each frees memory and
# nothing else (read them: no file, lock, signal or destroy notify of a
# caller's).  As for the frees in KEEP_CALLS, the sanitizer build catches
# the leak, not these suites; unlike those, they are dropped after
# sampling, so the samples of earlier seeds stay the same.
MEMORY_ONLY = {"pw_store_undo_free", "pw_backup_free", "pw_export_rows_free", "pw_form_result_free",
               "touched_free", "sheet_free", "profile_row_free", "g_array_unref", "g_string_chunk_free",
               "zip_discard", "zip_fclose", "rels_clear", "g_source_unref"}

SWAPS = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "==", "&&": "||", "||": "&&"}
OPERATOR = re.compile(r"<=|>=|==|!=|&&|\|\||<<=?|>>=?|->|<|>")
NUMBER = re.compile(r"(?<![\w.])(\d+)(?![\w.])")
CALL = re.compile(r"^(\s*)([a-z_][a-z0-9_]*)\s*\((.*)\);\s*$")
IF = re.compile(r"^(\s*(?:\}\s*else\s+)?)if \((.*)\)(\s*\{?)\s*$")
KEEP_CALLS = {"g_return_if_fail", "g_return_val_if_fail", "g_assert", "g_assert_not_reached",
              "G_DEFINE_TYPE", "G_DEFINE_FINAL_TYPE", "G_DEFINE_QUARK", "G_DEFINE_AUTOPTR_CLEANUP_FUNC",
              "g_autoptr", "g_autofree", "g_auto",
              # Equivalent here: dropping a free or a log line only leaks or
              # goes quiet (the sanitizer build catches leaks, not these suites).
              "g_free", "g_object_unref", "g_clear_object", "g_clear_pointer", "g_clear_error",
              "g_error_free", "g_ptr_array_unref", "g_hash_table_unref", "g_string_free",
              "g_strfreev", "g_bytes_unref", "g_list_free", "g_list_free_full", "g_variant_unref",
              "g_debug", "g_message", "g_info"}


def blank_strings_and_comments(text):
    """@text with comments and string/char literals turned to spaces (same
    offsets), so operators are only found in code."""
    out = list(text)
    i, n = 0, len(text)
    while i < n:
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
        elif text[i] in "\"'":
            j = i + 1
            while j < n and text[j] != text[i] and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j += 1
        else:
            i += 1
            continue
        for k in range(i, min(j, n)):
            if out[k] != "\n":
                out[k] = " "
        i = j
    return "".join(out)


def balanced(s):
    depth = 0
    for c in s:
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


def mutants_of(path):
    """Every mutant of one file: (path, line number, column, kind, new line)."""
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        text = f.read()
    code = blank_strings_and_comments(text).split("\n")
    lines = text.split("\n")
    found = []
    depth = 0
    for no, (line, bare) in enumerate(zip(lines, code), 1):
        top = depth == 0
        depth += bare.count("{") - bare.count("}")
        if top or bare.lstrip().startswith("#") or "static const" in bare or "[] =" in bare:
            continue           # declarations, tables and the preprocessor
        for m in OPERATOR.finditer(bare):
            op = m.group(0)
            if op in SWAPS:
                found.append((path, no, m.start(), f"{op} -> {SWAPS[op]}",
                              line[:m.start()] + SWAPS[op] + line[m.end():]))
        # Boundaries: constants on a line that compares something.
        compares = any(m.group(0) in ("<", "<=", ">", ">=", "==", "!=") for m in OPERATOR.finditer(bare))
        for m in (NUMBER.finditer(bare) if compares else ()):
            value = int(m.group(1))
            if bare[:m.start()].rstrip().endswith("[") or "case " in bare:
                continue
            for new in (value + 1, value - 1):
                if new >= 0:
                    found.append((path, no, m.start(), f"{value} -> {new}",
                                  line[:m.start()] + str(new) + line[m.end():]))
        call = CALL.match(bare)
        if call and call.group(2) not in KEEP_CALLS and balanced(call.group(3)) \
                and not call.group(2).startswith(("return", "g_auto")):
            found.append((path, no, len(call.group(1)), f"drop {call.group(2)} ()",
                          call.group(1) + "(void) 0;"))
        cond = IF.match(bare)
        if cond and balanced(cond.group(2)):
            start = len(cond.group(1)) + 4
            end = start + len(cond.group(2))
            found.append((path, no, start, "negate if", line[:start] + "!(" + line[start:end] + ")" + line[end:]))
    return found


def lines_of(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read().split("\n")


def function_of(path, no):
    """The name of the function line @no of @path is in: the nearest line
    above that starts with a name and " (" (GNOME style puts a definition's
    name at the start of its line)."""
    for line in reversed(lines_of(path)[:no - 1]):
        m = re.match(r"([a-z_][a-z0-9_]*) \(", line)
        if m:
            return m.group(1)
    return None


def excluded(mutant):
    """An entry of EQUIVALENT matches a mutant by its file, a text of the
    mutated line (of a dropped call, "(void) 0;" or the call itself) and
    its kind, and where a fourth item is given, by the function the line is
    in (for lines whose text recurs elsewhere)."""
    path, no, _, kind, new = mutant
    if kind.startswith("drop ") and kind[5:-3] in MEMORY_ONLY:
        return True
    return any(path == e[0] and e[2] in kind
               and (e[1] in new or kind.startswith("drop ") and e[1] in lines_of(path)[no - 1])
               and (len(e) < 4 or function_of(path, no) == e[3]) for e in EQUIVALENT)


def signal_group(p, sig):
    try:
        os.killpg(p.pid, sig)
    except ProcessLookupError:
        pass


def stop(p):
    """Stops @p and its process group, gently first: SIGTERM lets each one
    clean up (meson test ends its tests, which run in sessions of their own,
    with SIGTERM, and test-pg-offline then stops its private server); what
    is left after a short wait is killed with SIGKILL."""
    signal_group(p, signal.SIGTERM)
    try:
        p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    signal_group(p, signal.SIGKILL)
    p.wait()


def run(cmd, timeout, log=None):
    """Runs @cmd in a process group of its own; 'ok', 'fail' or 'timeout'."""
    with subprocess.Popen(cmd, cwd=ROOT, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT,
                          start_new_session=True) as p:
        try:
            return "ok" if p.wait(timeout=timeout) == 0 else "fail"
        except subprocess.TimeoutExpired:
            stop(p)
            return "timeout"
        except BaseException:
            stop(p)             # Ctrl+C or SIGTERM: no test left running a mutant
            raise


def targets(builddir):
    """The suites' tests in the order meson defines them, as (name, program
    relative to the build directory or None for a script), and every
    program they run (relative paths, the CLI's among them)."""
    out = subprocess.run(["meson", "introspect", "--tests", builddir], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    build = os.path.realpath(os.path.join(ROOT, builddir))
    tests = []
    for test in json.loads(out):
        if any(s.split(":")[-1] in SUITES for s in test["suite"]):
            program = os.path.realpath(test["cmd"][0])
            inside = program.startswith(build + os.sep)
            tests.append((test["name"], os.path.relpath(program, build) if inside else None))
    return tests, sorted({CLI} | {p for _, p in tests if p})


CLI = "app/pcn-workbook-cli"


def build(builddir, programs):
    return run(["ninja", "-C", builddir, *programs], timeout=600)


def suites(builddir, timeout, names=None, slower=1, cap=None):
    """Runs the named tests (default: the whole of SUITES), each test's own
    time limit multiplied by @slower, all of them within @timeout times
    @slower seconds, or @cap if that is less."""
    chosen = list(names) if names is not None else [a for s in SUITES for a in ("--suite", s)]
    limit = timeout * slower if cap is None else min(timeout * slower, cap)
    return run(["meson", "test", "-C", builddir, "--no-rebuild", *chosen, "--timeout-multiplier", str(slower),
                "--maxfail", "1", "--num-processes", "2", "--logbase", "mutate"], timeout=limit)


def failed(builddir):
    """The tests that failed in the last run (meson-logs/mutate.json), by
    name, with meson's word for it (FAIL, TIMEOUT, …)."""
    names = {}
    try:
        with open(os.path.join(ROOT, builddir, "meson-logs", "mutate.json"), encoding="utf-8") as f:
            for line in f:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if entry.get("result") in ("FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS"):
                    names[entry.get("name", "").split(" / ")[-1]] = entry["result"]   # "project:suite / name"
    except OSError:
        pass
    return names


def likely(path, tests, killers, most=3):
    """The tests to try a mutant of @path on first: those that killed
    mutants of @path before, most kills first, then tests named with a word
    of the file's name, its last word first (pw-export-forms.c: forms, then
    export), a plural matching a singular; then those that killed most
    mutants of any file."""
    known = [t for t, _ in sorted(killers.get(path, {}).items(), key=lambda kv: -kv[1])]
    stem = [w.rstrip("s") for w in re.split(r"[-_.]", os.path.basename(path)[:-2]) if w not in ("pw", "store", "db")]
    named = []
    for word in reversed(stem):
        named += [t for t, _ in tests if word in (w.rstrip("s") for w in re.split(r"[-_]", t))]
    # Then the tests that killed most mutants of any file.
    overall = {}
    for counts in killers.values():
        for t, k in counts.items():
            overall[t] = overall.get(t, 0) + k
    anywhere = sorted(overall, key=lambda t: -overall[t])
    names = {t for t, _ in tests}
    picked = []
    for t in known + named + anywhere:
        if t in names and t not in picked:
            picked.append(t)
    return picked[:most]


def trial(builddir, tests, programs, first, timeout, deadline=None):
    """Builds and tests the mutant in place: its fate ('stillborn',
    'SURVIVED', 'killed', 'killed (timed out)', or 'unfinished' when its
    tests ran on to @deadline, a time.monotonic () value) and the tests that
    failed.
    The tests in @first run first, with only their programs rebuilt; the
    rest only when those pass.  A run that only ran out of time (a test's
    own limit, or @timeout) is run again with twice as long (six times
    the longest run so far), so a busy machine's slowness is not taken for
    a kill: only what fails then, or runs out of time again, kills.  A
    mutant that loops for ever costs three time-outs, not more."""
    phases = [first, [t for t, _ in tests if t not in first]]
    for phase in phases:
        if not phase:
            continue
        wanted = programs if phase is phases[-1] else sorted({CLI} | {p for t, p in tests if t in phase and p})
        if build(builddir, wanted) != "ok":
            return "stillborn", []
        for slower in (1, 2):
            cap = None if deadline is None else max(deadline - time.monotonic(), 1)
            result = suites(builddir, timeout, phase, slower, cap)
            if result == "timeout" and cap is not None and cap < timeout * slower:
                return "unfinished", []
            bad = failed(builddir) if result != "ok" else {}
            if result == "ok" or any(r in ("FAIL", "ERROR", "UNEXPECTEDPASS") for r in bad.values()):
                break
        if result != "ok":
            broken = [t for t, r in bad.items() if r != "TIMEOUT"] or list(bad)
            timed_out = result == "timeout" or all(r == "TIMEOUT" for r in bad.values())
            return ("killed (timed out)" if timed_out else "killed"), broken
    return "SURVIVED", []


def seed_of(text):
    """A number stays the number it always was; any other text (a commit
    hash in CI) seeds the generator as text, the same way on every run."""
    return int(text) if text.isdigit() else text


def interrupted(signum, frame):
    raise KeyboardInterrupt


def main():
    signal.signal(signal.SIGTERM, interrupted)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=0, help="mutants to try (default: all)")
    parser.add_argument("--seed", default="1", help="a number, or any text such as a commit hash")
    parser.add_argument("--files", nargs="+", help="sources to mutate (default: app/**/*.c)")
    parser.add_argument("--builddir", default="build")
    parser.add_argument("--timeout", type=float, default=60,
                        help="least seconds per mutant's tests (more when the unmutated run took over a third of it)")
    parser.add_argument("--budget", type=float, metavar="SECONDS",
                        help="start no mutant that could end after SECONDS, and end one whose tests run past them, "
                             "uncounted (CI's bound; one is always tried)")
    parser.add_argument("--no-baseline", action="store_true",
                        help="do not run the unmutated suites first (the caller has just seen them pass)")
    parser.add_argument("--list", action="store_true", help="print the mutants and stop")
    parser.add_argument("--fail-under", type=float, metavar="PERCENT",
                        help="exit 1 when fewer than PERCENT of the mutants are killed")
    args = parser.parse_args()

    # The core and its folders (store/, export/, import/); the CLI's
    # pw-cli.c is in app/ too and is mutated like the rest.
    files = args.files or sorted(p for p in (os.path.relpath(f, ROOT) for f in
                                             glob.glob(os.path.join(ROOT, "app", "**", "*.c"), recursive=True))
                                 if p not in SKIP_FILES)
    every = [m for f in files for m in mutants_of(os.path.relpath(os.path.join(ROOT, f), ROOT))]
    chosen = random.Random(seed_of(args.seed)).sample(every, min(args.sample, len(every))) if args.sample else every
    equivalent = [m for m in chosen if excluded(m)]
    chosen = [m for m in chosen if not excluded(m)]
    # In file order, unless a time budget may cut the run short: then in
    # the sample's random order, so what is tried is not the first files.
    if args.budget is None:
        chosen.sort(key=lambda m: (m[0], m[1], m[2]))
    if equivalent:
        print(f"{len(equivalent)} equivalent mutants skipped (see EQUIVALENT in {os.path.basename(__file__)})")
    if args.list:
        for path, no, col, kind, _ in chosen:
            print(f"{path}:{no}:{col + 1}: {kind}")
        print(f"{len(chosen)} of {len(every)} mutants")
        return 0

    # A meson.build changed since the last build (a new test) is read
    # first, so the list of programs is the current one.
    run(["ninja", "-C", args.builddir, "build.ninja"], timeout=600)
    tests, programs = targets(args.builddir)
    # Which tests killed mutants of each file, in earlier runs too: only
    # the order in which a mutant meets the tests.
    remembered = os.path.join(ROOT, args.builddir, "meson-logs", "mutate-killers.json")
    try:
        with open(remembered, encoding="utf-8") as f:
            memory = json.load(f)
    except (OSError, ValueError):
        memory = {}
    ok = build(args.builddir, programs) == "ok"
    baseline = time.monotonic()
    if not ok or (not args.no_baseline and suites(args.builddir, args.timeout * 3) != "ok"):
        print("mutate: the tests fail without any mutation; fix that first", file=sys.stderr)
        return 2
    # A mutant's tests get three times as long as the unmutated ones took
    # (a busy machine slows both), so a slow run is not taken for a kill.
    # The longest run seen is what the next mutant may cost.
    longest = time.monotonic() - baseline if not args.no_baseline else args.timeout / 2
    timeout = max(args.timeout, 3 * longest)
    killed, survivors, stillborn = 0, [], 0
    begin = time.monotonic()
    deadline = None if args.budget is None else begin + args.budget
    originals = {}
    try:
        for n, (path, no, col, kind, new) in enumerate(chosen, 1):
            if args.budget is not None and n > 1 and time.monotonic() - begin + longest > args.budget:
                print(f"time budget of {args.budget:.0f} s spent: {len(chosen) - n + 1} mutants not tried")
                break
            timeout = max(args.timeout, 3 * longest)
            started = time.monotonic()
            full = os.path.join(ROOT, path)
            if path not in originals:
                with open(full, encoding="utf-8") as f:
                    originals[path] = f.read()
            lines = originals[path].split("\n")
            lines[no - 1] = new
            with open(full, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
            try:
                fate, killers = trial(args.builddir, tests, programs,
                                      likely(path, tests, memory), timeout, deadline)
                if fate == "stillborn":
                    stillborn += 1
            finally:
                with open(full, "w", encoding="utf-8") as f:
                    f.write(originals[path])
            # A mutant that ran out of time says nothing of what the next
            # may cost: counted, it would stretch every later time-out.
            if fate == "unfinished":
                print(f"[{n}/{len(chosen)}] {path}:{no}:{col + 1}: {kind}: its tests ran past the time budget "
                      f"of {args.budget:.0f} s: not counted; {len(chosen) - n} mutants not tried", flush=True)
                break
            if fate != "killed (timed out)":
                longest = max(longest, time.monotonic() - started)
            if fate.startswith("killed"):
                killed += 1
                for t in killers:
                    memory.setdefault(path, {})[t] = memory.get(path, {}).get(t, 0) + 1
            elif fate == "SURVIVED":
                survivors.append(f"{path}:{no}:{col + 1}: {kind}: {new.strip()}")
            by = f" by {', '.join(killers)}" if killers else ""
            print(f"[{n}/{len(chosen)}] {path}:{no}:{col + 1}: {kind}: {fate}{by}"
                  f" ({time.monotonic() - started:.0f} s)", flush=True)
    finally:
        try:
            with open(remembered, "w", encoding="utf-8") as f:
                json.dump(memory, f, indent=1, sort_keys=True)
        except OSError:
            pass
        for path, text in originals.items():
            with open(os.path.join(ROOT, path), "w", encoding="utf-8") as f:
                f.write(text)
        build(args.builddir, programs)
    tried = killed + len(survivors)
    print(f"\n{len(survivors)} survivors:" if survivors else "\nno survivors")
    for s in survivors:
        print(f"  {s}")
    ratio = f"{100 * killed / tried:.0f}%" if tried else "n/a"
    print(f"mutation kill ratio: {killed}/{tried} ({ratio}), {stillborn} did not compile, "
          f"{time.monotonic() - begin:.0f} s")
    if args.fail_under is not None and tried and 100 * killed / tried < args.fail_under:
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
