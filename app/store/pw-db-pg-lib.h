/* pw-db-pg-lib.h — libpq's calls, loaded the first time a team workbook
 * is opened (pw-db-pg-lib.c)
 *
 * PostgreSQL's client library and the two dozen it needs (TLS, Kerberos,
 * LDAP...) are not linked into the programs: loading and relocating them
 * at every start was some 3% of the window's start-up, for the few who
 * use a team workbook.  pw-db-pg*.c include this after pw-db-pg.h: their
 * PQ calls go through the table pw_pq_load () fills (pw-lib.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "pw-lib.h"

G_BEGIN_DECLS

#define PW_PQ_FUNCTIONS(F) \
  F (PQbackendPID) \
  F (PQclear) \
  F (PQcmdStatus) \
  F (PQcmdTuples) \
  F (PQconnectdbParams) \
  F (PQconnectionNeedsPassword) \
  F (PQconninfo) \
  F (PQconninfoFree) \
  F (PQconninfoParse) \
  F (PQconsumeInput) \
  F (PQenterPipelineMode) \
  F (PQerrorMessage) \
  F (PQescapeIdentifier) \
  F (PQexec) \
  F (PQexecPrepared) \
  F (PQexitPipelineMode) \
  F (PQfinish) \
  F (PQfreemem) \
  F (PQgetResult) \
  F (PQgetisnull) \
  F (PQgetvalue) \
  F (PQisBusy) \
  F (PQnfields) \
  F (PQnotifies) \
  F (PQntuples) \
  F (PQpipelineStatus) \
  F (PQpipelineSync) \
  F (PQprepare) \
  F (PQputCopyData) \
  F (PQputCopyEnd) \
  F (PQreset) \
  F (PQresetPoll) \
  F (PQresetStart) \
  F (PQresultErrorField) \
  F (PQresultErrorMessage) \
  F (PQresultStatus) \
  F (PQsendPrepare) \
  F (PQsendQuery) \
  F (PQsendQueryPrepared) \
  F (PQsetNoticeProcessor) \
  F (PQsocket) \
  F (PQstatus) \
  F (PQuser)

typedef PW_LIB_TABLE (PW_PQ_FUNCTIONS) PwPq;

extern PwPq pw_pq;

gboolean pw_pq_load (GError **error);

#ifndef PW_PQ_LOADER
#define PQbackendPID (pw_pq.PQbackendPID)
#define PQclear (pw_pq.PQclear)
#define PQcmdStatus (pw_pq.PQcmdStatus)
#define PQcmdTuples (pw_pq.PQcmdTuples)
#define PQconnectdbParams (pw_pq.PQconnectdbParams)
#define PQconnectionNeedsPassword (pw_pq.PQconnectionNeedsPassword)
#define PQconninfo (pw_pq.PQconninfo)
#define PQconninfoFree (pw_pq.PQconninfoFree)
#define PQconninfoParse (pw_pq.PQconninfoParse)
#define PQconsumeInput (pw_pq.PQconsumeInput)
#define PQenterPipelineMode (pw_pq.PQenterPipelineMode)
#define PQerrorMessage (pw_pq.PQerrorMessage)
#define PQescapeIdentifier (pw_pq.PQescapeIdentifier)
#define PQexec (pw_pq.PQexec)
#define PQexecPrepared (pw_pq.PQexecPrepared)
#define PQexitPipelineMode (pw_pq.PQexitPipelineMode)
#define PQfinish (pw_pq.PQfinish)
#define PQfreemem (pw_pq.PQfreemem)
#define PQgetResult (pw_pq.PQgetResult)
#define PQgetisnull (pw_pq.PQgetisnull)
#define PQgetvalue (pw_pq.PQgetvalue)
#define PQisBusy (pw_pq.PQisBusy)
#define PQnfields (pw_pq.PQnfields)
#define PQnotifies (pw_pq.PQnotifies)
#define PQntuples (pw_pq.PQntuples)
#define PQpipelineStatus (pw_pq.PQpipelineStatus)
#define PQpipelineSync (pw_pq.PQpipelineSync)
#define PQprepare (pw_pq.PQprepare)
#define PQputCopyData (pw_pq.PQputCopyData)
#define PQputCopyEnd (pw_pq.PQputCopyEnd)
#define PQreset (pw_pq.PQreset)
#define PQresetPoll (pw_pq.PQresetPoll)
#define PQresetStart (pw_pq.PQresetStart)
#define PQresultErrorField (pw_pq.PQresultErrorField)
#define PQresultErrorMessage (pw_pq.PQresultErrorMessage)
#define PQresultStatus (pw_pq.PQresultStatus)
#define PQsendPrepare (pw_pq.PQsendPrepare)
#define PQsendQuery (pw_pq.PQsendQuery)
#define PQsendQueryPrepared (pw_pq.PQsendQueryPrepared)
#define PQsetNoticeProcessor (pw_pq.PQsetNoticeProcessor)
#define PQsocket (pw_pq.PQsocket)
#define PQstatus (pw_pq.PQstatus)
#define PQuser (pw_pq.PQuser)
#endif

G_END_DECLS
