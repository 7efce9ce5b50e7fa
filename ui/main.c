/* main.c — pcn-workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include <gtk/gtk.h>

#include "pw-application.h"

int
main (int argc, char **argv)
{
  g_autoptr(PwApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* Set once, here: gtk_init () would set it again while the workbook is
   * being opened (and its names collated) on another thread. */
  gtk_disable_setlocale ();
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("PCN Workbook"));

  app = pw_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
