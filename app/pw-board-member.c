/* pw-board-member.c — a member of a locality board, kept after they leave
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-board-member.h"

struct _PwBoardMember
{
  PwRow parent_instance;
};

G_DEFINE_FINAL_TYPE (PwBoardMember, pw_board_member, PW_TYPE_ROW)

static GParamSpec *properties[PW_BOARD_MEMBER_N_FIELDS];

static void
pw_board_member_class_init (PwBoardMemberClass *klass)
{
  properties[PW_BOARD_MEMBER_ID] = pw_row_int_pspec ("id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_MEMBER_LOCALITY_ID] = pw_row_int_pspec ("locality-id", 0, G_MAXINT64, 0);
  properties[PW_BOARD_MEMBER_NAME] = pw_row_string_pspec ("name");
  properties[PW_BOARD_MEMBER_ORGANISATION] = pw_row_string_pspec ("organisation");
  properties[PW_BOARD_MEMBER_SECTOR] = pw_row_int_pspec ("sector", 0, 8, 8);
  properties[PW_BOARD_MEMBER_ROLE] = pw_row_int_pspec ("role", 0, 3, 2);
  properties[PW_BOARD_MEMBER_REPRESENTS] = pw_row_string_pspec ("represents");
  properties[PW_BOARD_MEMBER_JOINED] = pw_row_string_pspec ("joined");
  properties[PW_BOARD_MEMBER_LEFT] = pw_row_string_pspec ("left");
  pw_row_class_install (PW_ROW_CLASS (klass), properties, PW_BOARD_MEMBER_N_FIELDS);
}

static void
pw_board_member_init (PwBoardMember *self)
{
}

static const char *const sectors[PW_N_SECTORS] = {
  N_("Primary care"), N_("Community services"), N_("Acute trust"), N_("Mental health"),
  N_("Local authority"), N_("Voluntary sector"), N_("Public health"), N_("ICB"), N_("Other"),
};

static const char *const roles[PW_N_BOARD_ROLES] = {
  N_("Chair"), N_("Vice chair"), N_("Member"), N_("Attendee"),
};

const char *
pw_sector_name (int sector)
{
  return _(sectors[CLAMP (sector, 0, PW_N_SECTORS - 1)]);
}

gboolean
pw_sector_parse (const char  *text,
                 int         *out_sector,
                 GError     **error)
{
  return pw_board_choice_parse (text, sectors, PW_N_SECTORS, _("a sector"), out_sector, error);
}

const char *
pw_board_role_name (int role)
{
  return _(roles[CLAMP (role, 0, PW_N_BOARD_ROLES - 1)]);
}

gboolean
pw_board_role_parse (const char  *text,
                     int         *out_role,
                     GError     **error)
{
  return pw_board_choice_parse (text, roles, PW_N_BOARD_ROLES, _("a board role"), out_role, error);
}
