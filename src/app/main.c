/*
 * main.c — the cordboard launcher: read and check every file the user
 * edits, then run baresip, which loads cordboard.so, and wait for it
 * (startup.c: why it could not start, on the terminal).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "automation.h"
#include "build_config.h"
#include "config/places.h"
#include "ctl.h"
#include "input/script.h"
#include "input/listing.h"
#include "launch.h"
#include "sip/bsdir.h"
#include "startup.h"

#define EXIT_CONFIG 2

static void usage(FILE *out)
{
	fprintf(out,
"Usage: cordboard [OPTIONS]\n"
"A keyboard-first receptionist switchboard for the terminal.\n"
"\n"
"  -c, --config FILE       use FILE instead of the default search\n"
"                          ($XDG_CONFIG_HOME/cordboard/cordboard.conf,\n"
"                          /etc/cordboard/cordboard.conf)\n"
"      --check-config [FILE]\n"
"                          check the config, its keymap and theme, print\n"
"                          every problem as FILE:LINE: message; exit 0 when\n"
"                          good, 2 when not\n"
"      --print-config      print a commented config with every option at\n"
"                          its default\n"
"      --demo              run against the simulated office (no PBX needed)\n"
"      --event-log FILE    append one JSON line per event to FILE\n"
"      --keymap FILE       use this keymap file (overrides the config)\n"
"      --theme NAME|FILE   use themes/NAME.theme or FILE (overrides the\n"
"                          config): default, light, high-contrast, mono\n"
"      --mono              no colour at all, as with NO_COLOR set\n"
"      --accessible        a screen a reader and braille follow (as\n"
"                          accessible = yes)\n"
"      --list-actions      print every action, its argument and its help\n"
"      --list-keys [KEYMAP]\n"
"                          print the bindings of KEYMAP (a name or a file;\n"
"                          default: the configured keymap)\n"
"      --script FILE       run FILE's actions (one per line, # comments,\n"
"                          'wait EVENT TIMEOUT' steps) after start-up\n"
"      --script-exit       quit when the script is over and no call is up\n"
"      --name NAME         this console's name, for several at once\n"
"                          (default \"default\", \"demo\" with --demo); with\n"
"                          --send: which console to talk to\n"
"      --ctl PATH          control socket path (default\n"
"                          $XDG_RUNTIME_DIR/cordboard/NAME.ctl)\n"
"      --no-ctl            no control socket\n"
"      --send [LINE...]    send action lines (or stdin's) to the running\n"
"                          console (the only one, or --name's), print its\n"
"                          JSON replies; exit 1 if any failed\n"
"      --follow            with --send: then print every event (JSON)\n"
"      --attach            give this terminal to the running console that\n"
"                          lost its own (ssh dropped, window closed)\n"
"  -h, --help              show this help\n"
"  -V, --version           show the version\n"
"\n"
"Keys: press ? in the console. Manual: man cordboard.\n");
}

static void print_diags(const struct diag *d)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		fprintf(stderr, "%s%s\n",
			d->msgs[i].level == DIAG_WARNING ? "warning: " : "",
			d->msgs[i].text);
}

static int absolute(char *out, size_t sz, const char *path)
{
	if (!path || !*path) {
		out[0] = '\0';
		return 0;
	}
	if (path[0] == '/') {
		snprintf(out, sz, "%s", path);
		return 0;
	}
	if (!realpath(path, out)) {
		/* not there yet (an event log): make it absolute by hand */
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof(cwd)))
			return errno;
		if ((size_t)snprintf(out, sz, "%s/%s", cwd, path) >= sz)
			return ENAMETOOLONG;
	}
	return 0;
}

/* Starts the simulated office beside the console; the kernel stops it
 * when the launcher, which outlives the console, ends. */
static int demo_office_start(const char *rundir, char *msg, size_t msgsz)
{
	char office_bin[PATH_MAX], office_file[PATH_MAX], log[PATH_MAX];
	char moduledir[PATH_MAX];
	pid_t pid;

	places_module_dir(moduledir, sizeof(moduledir));
	if (bsdir_find_module(office_bin, sizeof(office_bin),
			      "cordboard-office", moduledir) &&
	    bsdir_find_module(office_bin, sizeof(office_bin),
			      "../office/cordboard-office", moduledir)) {
		snprintf(msg, msgsz, "cordboard-office not found");
		return ENOENT;
	}
	if (config_find_data(office_file, sizeof(office_file), "demo",
			     "office", "conf")) {
		snprintf(msg, msgsz, "demo/office.conf not found");
		return ENOENT;
	}
	if ((size_t)snprintf(log, sizeof(log), "%s/office.log", rundir) >=
	    sizeof(log)) {
		snprintf(msg, msgsz, "the runtime directory's path is too long");
		return ENAMETOOLONG;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(msg, msgsz, "fork: %s", strerror(errno));
		return errno;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
		}
		execl(office_bin, office_bin, office_file, "--log", log,
		      (char *)NULL);
		_exit(127);
	}
	return 0;
}

enum {
	OPT_SCRIPT = 1000, OPT_SCRIPT_EXIT, OPT_CTL, OPT_NO_CTL, OPT_SEND,
	OPT_FOLLOW, OPT_NAME,
	OPT_ACCESSIBLE, OPT_ATTACH,
};

/* --script FILE is checked like the config: every bad line is FILE:LINE
 * and nothing starts. */
static int check_script(const char *path)
{
	struct script s;
	struct diag d;
	int err;

	diag_init(&d);
	err = script_load(&s, path, &d);
	script_free(&s);
	print_diags(&d);
	diag_free(&d);
	return err;
}

/* cordboard --send: the lines given, or stdin's when none are given
 * and stdin is not a terminal (--follow alone only listens). */
static int send_lines(char **lines, size_t n, bool follow)
{
	char **in = NULL, buf[CTL_LINE_MAX + 1];
	size_t nin = 0;
	int status;

	if (n > 0 || follow || isatty(STDIN_FILENO))
		return ctl_send(lines, n, follow);
	while (fgets(buf, sizeof(buf), stdin)) {
		char **more = realloc(in, (nin + 1) * sizeof(*in));

		if (!more)
			break;
		in = more;
		buf[strcspn(buf, "\n")] = '\0';
		in[nin] = strdup(buf);
		if (in[nin])
			nin++;
	}
	status = ctl_send(in, nin, false);
	while (nin > 0)
		free(in[--nin]);
	free(in);
	return status;
}

/* What the command line asked for. */
struct cli {
	const char *config_arg, *event_log, *keymap_arg, *theme_arg;
	const char *script_arg;
	bool script_exit, send, follow, check_only, demo, mono, list_keys;
	bool accessible, attach;
	char keymap_buf[PATH_MAX];
	char config_path[PATH_MAX];   /* "" = no file anywhere: defaults */
	char demo_script[PATH_MAX];
};

/* The demo keeps its history, absences and messages apart from the
 * user's own: XDG_STATE_HOME/cordboard-demo (or ~/.local/state/...). */
static void demo_state_home(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char dir[PATH_MAX];
	int n;

	if (state && state[0] == '/')
		n = snprintf(dir, sizeof(dir), "%s/cordboard-demo", state);
	else if (home && home[0])
		n = snprintf(dir, sizeof(dir), "%s/.local/state/cordboard-demo",
			     home);
	else
		return;
	if (n > 0 && (size_t)n < sizeof(dir))
		setenv("XDG_STATE_HOME", dir, 1);
}

#define GO_ON (-1)   /* a step that does not end the launcher */

/* --name NAME, for the console's socket and for --send. */
static int name_set(const char *name)
{
	char msg[200];

	if (ctl_name_check(name, msg, sizeof(msg))) {
		fprintf(stderr, "cordboard: %s\n", msg);
		return EINVAL;
	}
	setenv(ENV_NAME, name, 1);
	return 0;
}

/* Parses the options; returns GO_ON, or the exit status of an option
 * that is all there is to do (--help, --send...). */
static int cli_parse(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config",       required_argument, NULL, 'c' },
		{ "check-config", no_argument,       NULL, 'C' },
		{ "print-config", optional_argument, NULL, 'P' },
		{ "demo",         no_argument,       NULL, 'D' },
		{ "event-log",    required_argument, NULL, 'e' },
		{ "keymap",       required_argument, NULL, 'k' },
		{ "theme",        required_argument, NULL, 't' },
		{ "mono",         no_argument,       NULL, 'M' },
		{ "accessible",   no_argument,       NULL, OPT_ACCESSIBLE },
		{ "list-actions", no_argument,       NULL, 'A' },
		{ "list-keys",    no_argument,       NULL, 'L' },
		{ "script",       required_argument, NULL, OPT_SCRIPT },
		{ "script-exit",  no_argument,       NULL, OPT_SCRIPT_EXIT },
		{ "ctl",          required_argument, NULL, OPT_CTL },
		{ "no-ctl",       no_argument,       NULL, OPT_NO_CTL },
		{ "name",         required_argument, NULL, OPT_NAME },
		{ "send",         no_argument,       NULL, OPT_SEND },
		{ "follow",       no_argument,       NULL, OPT_FOLLOW },
		{ "attach",       no_argument,       NULL, OPT_ATTACH },
		{ "help",         no_argument,       NULL, 'h' },
		{ "version",      no_argument,       NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char abs_buf[PATH_MAX];
	int c;

	while ((c = getopt_long(argc, argv, "c:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'c': cli->config_arg = optarg; break;
		case 'C':
			cli->check_only = true;
			if (optind < argc && argv[optind][0] != '-')
				cli->config_arg = argv[optind++];
			break;
		case 'P':
			/* =man: the man page's list, which test_cli compares */
			config_print(stdout, optarg && !strcmp(optarg, "man"));
			return 0;
		case 'D': cli->demo = true; break;
		case 'e': cli->event_log = optarg; break;
		case 'k': cli->keymap_arg = optarg; break;
		case 't': cli->theme_arg = optarg; break;
		case 'M': cli->mono = true; break;
		case OPT_ACCESSIBLE: cli->accessible = true; break;
		case 'A': listing_actions(stdout); return 0;
		case 'L':
			cli->list_keys = true;
			if (optind < argc && argv[optind][0] != '-')
				cli->keymap_arg = argv[optind++];
			break;
		case OPT_SCRIPT: cli->script_arg = optarg; break;
		case OPT_SCRIPT_EXIT: cli->script_exit = true; break;
		case OPT_CTL:
			absolute(abs_buf, sizeof(abs_buf), optarg);
			setenv(ENV_CTL, abs_buf, 1);
			break;
		case OPT_NO_CTL: setenv(ENV_CTL, "", 1); break;
		case OPT_NAME:
			if (name_set(optarg))
				return EXIT_CONFIG;
			break;
		case OPT_SEND: cli->send = true; break;
		case OPT_FOLLOW: cli->follow = true; break;
		case OPT_ATTACH: cli->attach = true; break;
		case 'h': usage(stdout); return 0;
		case 'V':
			printf("cordboard %s (hosted by baresip 1.0)\n",
			       CORDBOARD_VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_CONFIG;
		}
	}
	if (cli->attach)
		return ctl_attach();
	if (cli->send || cli->follow)
		return send_lines(argv + optind, (size_t)(argc - optind),
				  cli->follow);
	if (optind < argc) {
		fprintf(stderr, "cordboard: unexpected argument '%s'\n",
			argv[optind]);
		usage(stderr);
		return EXIT_CONFIG;
	}
	return GO_ON;
}

/* Finds the config file (the demo's with --demo) and the keymap given
 * by name; returns GO_ON or EXIT_CONFIG. */
static int cli_locate(struct cli *cli)
{
	/* beside a real console, not instead of it */
	if (cli->demo && !getenv(ENV_NAME))
		setenv(ENV_NAME, "demo", 1);
	if (cli->demo && !cli->config_arg) {
		if (config_find_data(cli->config_path,
				     sizeof(cli->config_path), "demo",
				     "cordboard", "conf")) {
			fprintf(stderr, "cordboard: demo/cordboard.conf not "
				"found\n");
			return EXIT_CONFIG;
		}
		demo_state_home();
		/* a colleague out with a deputy, unless a script is given */
		if (!cli->script_arg &&
		    !config_find_data(cli->demo_script,
				      sizeof(cli->demo_script), "demo",
				      "start", "script"))
			cli->script_arg = cli->demo_script;
	}
	else if (config_find(cli->config_path, sizeof(cli->config_path),
			     cli->config_arg)) {
		if (cli->config_arg) {
			fprintf(stderr, "%s: %s\n", cli->config_arg,
				strerror(ENOENT));
			return EXIT_CONFIG;
		}
		cli->config_path[0] = '\0';
	}
	/* a keymap given by name is looked up as the config's would be */
	if (cli->keymap_arg && !strchr(cli->keymap_arg, '/') &&
	    !config_find_data(cli->keymap_buf, sizeof(cli->keymap_buf),
			      "keymaps", cli->keymap_arg, "keymap"))
		cli->keymap_arg = cli->keymap_buf;
	return GO_ON;
}

/* What needs the files but no console: checking them, listing keys;
 * returns GO_ON when the console is to start. */
static int files_answer(const struct cli *cli, const struct app_files *f)
{
	if (cli->script_arg && check_script(cli->script_arg))
		return EXIT_CONFIG;
	if (cli->list_keys) {
		listing_keys(stdout, &f->km);
		return 0;
	}
	if (cli->check_only) {
		printf("%s: ok (keymap %s, theme %s)\n",
		       cli->config_path[0] ? cli->config_path :
		       "built-in defaults", f->keymap_path, f->theme_path);
		return 0;
	}
	if (!isatty(STDIN_FILENO) && !getenv(ENV_TTY)) {
		fprintf(stderr, "cordboard: needs a terminal\n");
		return 1;
	}
	return GO_ON;
}

/* Writes baresip's private config dir (and starts the demo office);
 * returns GO_ON with rundir filled, or 1 after saying why. */
static int rundir_make(const struct cli *cli, const struct app_files *f,
		       char *rundir, size_t rundirsz)
{
	char module[PATH_MAX], module_rel[PATH_MAX + 64], msg[512];
	char config_text[4096], moduledir[PATH_MAX];
	int err;

	if (!getenv(ENV_NAME))
		setenv(ENV_NAME, CTL_DEFAULT_NAME, 1);
	if (ctl_check_free(msg, sizeof(msg))) {
		fprintf(stderr, "cordboard: %s\n", msg);
		return 1;
	}
	places_module_dir(moduledir, sizeof(moduledir));
	if (bsdir_find_module(module, sizeof(module), "cordboard.so",
			      moduledir)) {
		fprintf(stderr, "cordboard: cordboard.so not found\n");
		return 1;
	}
	bsdir_module_path(module_rel, sizeof(module_rel),
			  CORDBOARD_BARESIP_MODULES, module);
	err = app_baresip_config(&f->cfg, module_rel, config_text,
				 sizeof(config_text));
	/* no accounts here: the module creates the user agent itself */
	if (!err)
		err = bsdir_create(rundir, rundirsz, getenv(ENV_NAME),
				   config_text,
				   "", msg, sizeof(msg));
	else
		snprintf(msg, sizeof(msg), "configuration too long");
	if (err) {
		fprintf(stderr, "cordboard: %s\n", msg);
		return 1;
	}
	if (cli->demo && demo_office_start(rundir, msg, sizeof(msg))) {
		fprintf(stderr, "cordboard: %s\n", msg);
		bsdir_remove(rundir);
		return 1;
	}
	return GO_ON;
}

/* Tells the module what the launcher found, through its environment. */
static void env_export(const struct cli *cli, const struct app_files *f,
		       const char *rundir)
{
	char abs_buf[PATH_MAX];

	/* the module runs with the same cwd, but a full path is unambiguous */
	absolute(abs_buf, sizeof(abs_buf), cli->config_path);
	setenv(ENV_CONFIG, abs_buf, 1);
	setenv(ENV_KEYMAP, f->keymap_path, 1);
	setenv(ENV_THEME, f->theme_path, 1);
	if (cli->keymap_arg)
		setenv(ENV_KEYMAP_CLI, f->keymap_path, 1);
	else
		unsetenv(ENV_KEYMAP_CLI);
	if (cli->theme_arg)
		setenv(ENV_THEME_CLI, f->theme_path, 1);
	else
		unsetenv(ENV_THEME_CLI);
	setenv(ENV_RUNDIR, rundir, 1);
	if (cli->mono)
		setenv(ENV_MONO, "1", 1);
	if (cli->accessible)
		setenv(ENV_ACCESSIBLE, "1", 1);
	if (cli->event_log) {
		absolute(abs_buf, sizeof(abs_buf), cli->event_log);
		setenv(ENV_EVENT_LOG, abs_buf, 1);
	}
	if (cli->script_arg) {
		absolute(abs_buf, sizeof(abs_buf), cli->script_arg);
		setenv(ENV_SCRIPT, abs_buf, 1);
		if (cli->script_exit)
			setenv(ENV_SCRIPT_EXIT, "1", 1);
	}
}

int main(int argc, char **argv)
{
	struct cli cli = { 0 };
	struct app_files files;
	struct diag d;
	char rundir[PATH_MAX], listen[256] = "";
	int status, err;

	status = cli_parse(&cli, argc, argv);
	if (status == GO_ON)
		status = cli_locate(&cli);
	if (status != GO_ON)
		return status;

	diag_init(&d);
	err = app_files_load(&files, cli.config_path, cli.keymap_arg,
			     cli.theme_arg, &d);
	print_diags(&d);
	status = err || diag_has_errors(&d) ? EXIT_CONFIG : GO_ON;
	diag_free(&d);
	if (status == GO_ON)
		status = files_answer(&cli, &files);
	if (status == GO_ON)
		status = rundir_make(&cli, &files, rundir, sizeof(rundir));
	if (status == GO_ON) {
		env_export(&cli, &files, rundir);
		snprintf(listen, sizeof(listen), "%s",
			 files.cfg.account.listen);
	}
	app_files_free(&files);
	if (status != GO_ON)
		return status;
	return startup_run(CORDBOARD_BARESIP, rundir, listen);
}
