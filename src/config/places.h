/*
 * places — where the running program's own files are: its data
 * (keymaps/, themes/, demo/) and its modules (cordboard.so,
 * cordboard-office).
 *
 * Three answers, first that applies:
 *  - run from a build tree: a file "cordboard-source-root" beside the
 *    running executable or module (written by meson into the build tree,
 *    never installed) names the source tree;
 *  - installed: the prefix is read off the running file's own path (it
 *    sits in PREFIX/bin or PREFIX/LIBDIR/cordboard), so a copy installed
 *    under a DESTDIR or unpacked with dpkg -x finds its own files;
 *  - else the directories compiled in from meson's prefix.
 * No path of the source or build tree is compiled into these.
 */
#ifndef CORDBOARD_CONFIG_PLACES_H
#define CORDBOARD_CONFIG_PLACES_H

#include <stddef.h>

/* The directory holding keymaps/, themes/ and demo/. 0, or
 * ENAMETOOLONG (out is then ""). */
int places_data_dir(char *out, size_t outsz);

/* The directory holding cordboard.so and cordboard-office. */
int places_module_dir(char *out, size_t outsz);

#endif
