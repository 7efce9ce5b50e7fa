/* pw-lib-xlsxwriter.h — libxlsxwriter's calls, loaded by the first export
 * (pw-lib-xlsxwriter.c)
 *
 * libxlsxwriter (and minizip, which it needs) is not linked into the
 * programs: only an export writes xlsx, and loading it at every start
 * cost the window some 6,000 symbol lookups before main ().  The export's
 * files include this instead of <xlsxwriter.h>: their calls go through
 * the table pw_xlsxwriter_load () fills (pw-lib.h), which each export's
 * entry point calls first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <xlsxwriter.h>

#include "pw-lib.h"

G_BEGIN_DECLS

#define PW_XLSXWRITER_FUNCTIONS(F) \
  F (chart_add_series) \
  F (chart_axis_set_crossing_max) \
  F (chart_axis_set_name) \
  F (chart_axis_set_reverse) \
  F (chart_legend_set_position) \
  F (chart_series_set_categories) \
  F (chart_series_set_fill) \
  F (chart_series_set_line) \
  F (chart_series_set_name) \
  F (chart_series_set_values) \
  F (chart_title_set_name) \
  F (format_set_align) \
  F (format_set_bg_color) \
  F (format_set_bold) \
  F (format_set_border) \
  F (format_set_border_color) \
  F (format_set_bottom) \
  F (format_set_font_color) \
  F (format_set_font_name) \
  F (format_set_font_size) \
  F (format_set_italic) \
  F (format_set_num_format) \
  F (format_set_text_wrap) \
  F (format_set_top) \
  F (format_set_unlocked) \
  F (lxw_rowcol_to_cell) \
  F (lxw_rowcol_to_range) \
  F (lxw_strerror) \
  F (workbook_add_chart) \
  F (workbook_add_format) \
  F (workbook_add_worksheet) \
  F (workbook_close) \
  F (workbook_get_worksheet_by_name) \
  F (workbook_new) \
  F (workbook_new_opt) \
  F (workbook_set_properties) \
  F (worksheet_activate) \
  F (worksheet_data_validation_range) \
  F (worksheet_freeze_panes) \
  F (worksheet_hide) \
  F (worksheet_insert_chart_opt) \
  F (worksheet_merge_range) \
  F (worksheet_protect) \
  F (worksheet_repeat_columns) \
  F (worksheet_repeat_rows) \
  F (worksheet_set_column) \
  F (worksheet_set_footer_opt) \
  F (worksheet_set_h_pagebreaks) \
  F (worksheet_set_header_opt) \
  F (worksheet_set_landscape) \
  F (worksheet_set_margins) \
  F (worksheet_set_paper) \
  F (worksheet_set_print_scale) \
  F (worksheet_set_row) \
  F (worksheet_write_blank) \
  F (worksheet_write_datetime) \
  F (worksheet_write_formula_num) \
  F (worksheet_write_number) \
  F (worksheet_write_string)

typedef PW_LIB_TABLE (PW_XLSXWRITER_FUNCTIONS) PwXlsxwriter;

extern PwXlsxwriter pw_xlsxwriter;

gboolean pw_xlsxwriter_load (GError **error);

#ifndef PW_XLSXWRITER_LOADER
#define chart_add_series (pw_xlsxwriter.chart_add_series)
#define chart_axis_set_crossing_max (pw_xlsxwriter.chart_axis_set_crossing_max)
#define chart_axis_set_name (pw_xlsxwriter.chart_axis_set_name)
#define chart_axis_set_reverse (pw_xlsxwriter.chart_axis_set_reverse)
#define chart_legend_set_position (pw_xlsxwriter.chart_legend_set_position)
#define chart_series_set_categories (pw_xlsxwriter.chart_series_set_categories)
#define chart_series_set_fill (pw_xlsxwriter.chart_series_set_fill)
#define chart_series_set_line (pw_xlsxwriter.chart_series_set_line)
#define chart_series_set_name (pw_xlsxwriter.chart_series_set_name)
#define chart_series_set_values (pw_xlsxwriter.chart_series_set_values)
#define chart_title_set_name (pw_xlsxwriter.chart_title_set_name)
#define format_set_align (pw_xlsxwriter.format_set_align)
#define format_set_bg_color (pw_xlsxwriter.format_set_bg_color)
#define format_set_bold (pw_xlsxwriter.format_set_bold)
#define format_set_border (pw_xlsxwriter.format_set_border)
#define format_set_border_color (pw_xlsxwriter.format_set_border_color)
#define format_set_bottom (pw_xlsxwriter.format_set_bottom)
#define format_set_font_color (pw_xlsxwriter.format_set_font_color)
#define format_set_font_name (pw_xlsxwriter.format_set_font_name)
#define format_set_font_size (pw_xlsxwriter.format_set_font_size)
#define format_set_italic (pw_xlsxwriter.format_set_italic)
#define format_set_num_format (pw_xlsxwriter.format_set_num_format)
#define format_set_text_wrap (pw_xlsxwriter.format_set_text_wrap)
#define format_set_top (pw_xlsxwriter.format_set_top)
#define format_set_unlocked (pw_xlsxwriter.format_set_unlocked)
#define lxw_rowcol_to_cell (pw_xlsxwriter.lxw_rowcol_to_cell)
#define lxw_rowcol_to_range (pw_xlsxwriter.lxw_rowcol_to_range)
#define lxw_strerror (pw_xlsxwriter.lxw_strerror)
#define workbook_add_chart (pw_xlsxwriter.workbook_add_chart)
#define workbook_add_format (pw_xlsxwriter.workbook_add_format)
#define workbook_add_worksheet (pw_xlsxwriter.workbook_add_worksheet)
#define workbook_close (pw_xlsxwriter.workbook_close)
#define workbook_get_worksheet_by_name (pw_xlsxwriter.workbook_get_worksheet_by_name)
#define workbook_new (pw_xlsxwriter.workbook_new)
#define workbook_new_opt (pw_xlsxwriter.workbook_new_opt)
#define workbook_set_properties (pw_xlsxwriter.workbook_set_properties)
#define worksheet_activate (pw_xlsxwriter.worksheet_activate)
#define worksheet_data_validation_range (pw_xlsxwriter.worksheet_data_validation_range)
#define worksheet_freeze_panes (pw_xlsxwriter.worksheet_freeze_panes)
#define worksheet_hide (pw_xlsxwriter.worksheet_hide)
#define worksheet_insert_chart_opt (pw_xlsxwriter.worksheet_insert_chart_opt)
#define worksheet_merge_range (pw_xlsxwriter.worksheet_merge_range)
#define worksheet_protect (pw_xlsxwriter.worksheet_protect)
#define worksheet_repeat_columns (pw_xlsxwriter.worksheet_repeat_columns)
#define worksheet_repeat_rows (pw_xlsxwriter.worksheet_repeat_rows)
#define worksheet_set_column (pw_xlsxwriter.worksheet_set_column)
#define worksheet_set_footer_opt (pw_xlsxwriter.worksheet_set_footer_opt)
#define worksheet_set_h_pagebreaks (pw_xlsxwriter.worksheet_set_h_pagebreaks)
#define worksheet_set_header_opt (pw_xlsxwriter.worksheet_set_header_opt)
#define worksheet_set_landscape (pw_xlsxwriter.worksheet_set_landscape)
#define worksheet_set_margins (pw_xlsxwriter.worksheet_set_margins)
#define worksheet_set_paper (pw_xlsxwriter.worksheet_set_paper)
#define worksheet_set_print_scale (pw_xlsxwriter.worksheet_set_print_scale)
#define worksheet_set_row (pw_xlsxwriter.worksheet_set_row)
#define worksheet_write_blank (pw_xlsxwriter.worksheet_write_blank)
#define worksheet_write_datetime (pw_xlsxwriter.worksheet_write_datetime)
#define worksheet_write_formula_num (pw_xlsxwriter.worksheet_write_formula_num)
#define worksheet_write_number (pw_xlsxwriter.worksheet_write_number)
#define worksheet_write_string (pw_xlsxwriter.worksheet_write_string)
#endif

G_END_DECLS
