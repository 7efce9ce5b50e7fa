/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-board.h"

G_BEGIN_DECLS

/* A member of a locality board, kept after they leave. */
typedef enum
{
  PW_BOARD_MEMBER_ID = 1,
  PW_BOARD_MEMBER_LOCALITY_ID,
  PW_BOARD_MEMBER_NAME,
  PW_BOARD_MEMBER_ORGANISATION,
  PW_BOARD_MEMBER_SECTOR,               /* a PwSector (the organisation's) */
  PW_BOARD_MEMBER_ROLE,                 /* a PwBoardRole */
  PW_BOARD_MEMBER_REPRESENTS,
  PW_BOARD_MEMBER_JOINED,
  PW_BOARD_MEMBER_LEFT,                 /* ISO date, or "" while a member */
  PW_BOARD_MEMBER_N_FIELDS
} PwBoardMemberField;

#define PW_TYPE_BOARD_MEMBER (pw_board_member_get_type ())
G_DECLARE_FINAL_TYPE (PwBoardMember, pw_board_member, PW, BOARD_MEMBER, PwRow)

/* The sector of a member's organisation. */
typedef enum
{
  PW_SECTOR_PRIMARY_CARE,
  PW_SECTOR_COMMUNITY,
  PW_SECTOR_ACUTE,
  PW_SECTOR_MENTAL_HEALTH,
  PW_SECTOR_LOCAL_AUTHORITY,
  PW_SECTOR_VOLUNTARY,
  PW_SECTOR_PUBLIC_HEALTH,
  PW_SECTOR_ICB,
  PW_SECTOR_OTHER,
  PW_N_SECTORS
} PwSector;

typedef enum
{
  PW_BOARD_ROLE_CHAIR,
  PW_BOARD_ROLE_VICE_CHAIR,
  PW_BOARD_ROLE_MEMBER,
  PW_BOARD_ROLE_ATTENDEE,
  PW_N_BOARD_ROLES
} PwBoardRole;

const char *pw_sector_name      (int          sector);
gboolean    pw_sector_parse     (const char  *text,
                                 int         *out_sector,
                                 GError     **error);
const char *pw_board_role_name  (int          role);
gboolean    pw_board_role_parse (const char  *text,
                                 int         *out_role,
                                 GError     **error);

G_END_DECLS
