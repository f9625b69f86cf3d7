# Applies a seccomp filter compiled at start-up by confine.py (--export) and runs a program under it:
#   perl -e "<this file>" PRCTL_NR FILTER_HEX [-C DIRECTORY] -- PROGRAM ARGS...
# prctl(PR_SET_NO_NEW_PRIVS) first (man 2 seccomp: a filter needs it unless the caller has CAP_SYS_ADMIN),
# then prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &struct sock_fprog {unsigned short len; filter *}).
# With -C it changes to DIRECTORY first, as login(1) does to the home directory: a login shell starts there
# without a `sh -c 'cd && exec bash'` (an exec less before every prompt); where it cannot, it says so and the
# program starts where it is. Only perl's built-ins, so perl-base is enough; both settings are inherited across
# fork and exec.
my ($prctl, $filter) = (shift, pack("H*", shift));
if ($ARGV[0] eq "-C") {
    shift;
    my $dir = shift;
    chdir $dir or warn "glassbox: cannot enter $dir: $!\n";
}
shift;
syscall($prctl, 38, 1, 0, 0, 0) == 0 or die "glassbox confine: prctl(PR_SET_NO_NEW_PRIVS): $!\n";
syscall($prctl, 22, 2, pack("S x![P] P", length($filter) / 8, $filter), 0, 0) == 0
    or die "glassbox confine: prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER): $!\n";
exec { $ARGV[0] } @ARGV or die "glassbox confine: exec $ARGV[0]: $!\n";
