/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What a field of a board form accepts. */
typedef enum
{
  PW_BOARD_INPUT_TEXT,         /* free text, may be empty */
  PW_BOARD_INPUT_NAME,         /* text that must not be empty */
  PW_BOARD_INPUT_DATE,         /* DD/MM/YYYY (or ISO); empty means none */
  PW_BOARD_INPUT_DAY,          /* a date that must be given */
  PW_BOARD_INPUT_SCORE,        /* a whole number 1 to 5 */
  PW_BOARD_INPUT_TARGET,       /* a whole number 1 to 25; empty means none */
} PwBoardInput;

gboolean pw_board_input_check (PwBoardInput   kind,
                               const char    *label,
                               const char    *input,
                               char         **out_text,
                               GError       **error);

#define PW_TYPE_BOARD_FORM (pw_board_form_get_type ())
G_DECLARE_FINAL_TYPE (PwBoardForm, pw_board_form, PW, BOARD_FORM, AdwMessageDialog)

/* Called with the form's values once the user applies them; on %FALSE the
 * error is shown and the form stays open with what was typed. */
typedef gboolean (*PwBoardFormApply) (PwBoardForm  *form,
                                      gpointer      data,
                                      GError      **error);

typedef const char *(*PwBoardNameFunc) (int value);

PwBoardForm *pw_board_form_new         (GtkWidget        *from,
                                        const char       *heading,
                                        const char       *body,
                                        const char       *apply_label);
GtkWidget   *pw_board_form_add_entry   (PwBoardForm      *self,
                                        const char       *key,
                                        const char       *title,
                                        PwBoardInput      kind,
                                        const char       *value);
GtkWidget   *pw_board_form_add_choice  (PwBoardForm      *self,
                                        const char       *key,
                                        const char       *title,
                                        PwBoardNameFunc   name,
                                        int               n,
                                        int               selected);
GtkWidget   *pw_board_form_add_switch  (PwBoardForm      *self,
                                        const char       *key,
                                        const char       *title,
                                        gboolean          active);
void         pw_board_form_set_taken   (PwBoardForm      *self,
                                        const char       *key,
                                        GPtrArray        *taken);
const char  *pw_board_form_get_text    (PwBoardForm      *self,
                                        const char       *key);
int          pw_board_form_get_int     (PwBoardForm      *self,
                                        const char       *key);
GtkWidget   *pw_board_form_get_field   (PwBoardForm      *self,
                                        const char       *key);
GtkLabel    *pw_board_form_get_problem (PwBoardForm      *self);
void         pw_board_form_run         (PwBoardForm      *self,
                                        PwBoardFormApply  apply,
                                        gpointer          data,
                                        GDestroyNotify    destroy);

G_END_DECLS
