# bash completion for rs-setup(8)
_rs_setup()
{
	local cur prev words cword
	_init_completion || return

	local verbs="start stop status check"
	local opts="--vip --config --mode --tun-type --tun-port --tun-outer --dummy
		--arp-iface --dry-run --json --verbose --state --sysctl-root --help --version"

	case $prev in
	--mode) COMPREPLY=($(compgen -W "dr tun" -- "$cur")); return ;;
	--tun-type) COMPREPLY=($(compgen -W "ipip gue gre" -- "$cur")); return ;;
	--tun-outer) COMPREPLY=($(compgen -W "ipv4 ipv6" -- "$cur")); return ;;
	-c|--config|--state) _filedir; return ;;
	--sysctl-root) _filedir -d; return ;;
	--arp-iface)
		COMPREPLY=($(compgen -W "$(command ls /sys/class/net 2>/dev/null)" -- "$cur"))
		return ;;
	--vip|--tun-port|--dummy) return ;;
	esac

	local w has_verb=
	for w in "${words[@]:1:cword-1}"; do
		case " $verbs " in *" $w "*) has_verb=1 ;; esac
	done
	if [[ $cur == -* || -n $has_verb ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	else
		COMPREPLY=($(compgen -W "$verbs $opts" -- "$cur"))
	fi
} &&
	complete -F _rs_setup rs-setup
