#!/usr/bin/python3
"""Check ours' --json output (runner.sh `json` cases).

For each PREFIX given: PREFIX.out must be one JSON document and a newline,
PREFIX.err empty, PREFIX.rc 0; a table listing must name the same services
(and as many destinations each) as the oracle's -S -n in PREFIX.save.out.
Prints "OK PREFIX" or "PREFIX: problem" lines.
"""
import json
import sys


def saved_table(path):
    """{service key: number of destinations} from -S -n output."""
    table = {}
    for line in open(path):
        tok = line.split()
        if len(tok) < 3:
            continue
        if tok[1] == '-f':
            key = ('fwmark', int(tok[2]) & 0xffffffff, '-6' in tok)
        else:
            key = ('addr',) + split_addr(tok[2])
        if tok[0] == '-A':
            table.setdefault(key, 0)
        elif tok[0] == '-a':
            table[key] = table.get(key, 0) + 1
    return table


def split_addr(s):
    host, _, port = s.rpartition(':')
    return host.strip('[]'), int(port)


def json_key(svc):
    if svc.get('fwmark', 0):
        return ('fwmark', svc['fwmark'], svc.get('af') == 'inet6')
    return ('addr', svc['address'], svc['port'])


def check(p):
    problems = []
    argv = open(p + '.argv').read().split('\n')[:-1]
    rc = open(p + '.rc').read().strip()
    err = open(p + '.err').read()
    out = open(p + '.out').read()
    if rc != '0':
        problems.append('exit status %s, expected 0' % rc)
    if err:
        problems.append('stderr not empty: %r' % err[:200])
    if not out.endswith('\n'):
        problems.append('output does not end with a newline')
    try:
        doc = json.loads(out)
    except ValueError as e:
        problems.append('not valid JSON: %s; output starts %r' % (e, out[:200]))
        return problems
    if not isinstance(doc, dict):
        problems.append('top level is not an object')
        return problems
    words = set(argv)
    if '--timeout' in words:
        for k in ('tcp', 'tcp_fin', 'udp'):
            if not isinstance(doc.get(k), int):
                problems.append('timeout key %r missing or not a number' % k)
    elif '--daemon' in words:
        if not isinstance(doc.get('daemons'), list):
            problems.append('no "daemons" array')
    elif '-c' in words or '--connection' in words or any(
            a.startswith('-') and not a.startswith('--') and 'c' in a for a in argv[:1]):
        if not any(isinstance(v, list) for v in doc.values()):
            problems.append('no array of connections')
    else:
        svcs = doc.get('services')
        if not isinstance(svcs, list):
            problems.append('no "services" array')
            return problems
        saved = saved_table(p + '.save.out')
        single = any(a in words for a in ('-t', '-u', '-f', '--sctp-service',
                                          '--tcp-service', '--udp-service',
                                          '--fwmark-service'))
        whole = not single
        if whole and ('version' not in doc or 'conn_tab_size' not in doc):
            problems.append('whole-table listing without version/conn_tab_size')
        if single and 'version' in doc:
            problems.append('single-service listing has a version key')
        got = {}
        for s in svcs:
            try:
                got[json_key(s)] = len(s.get('destinations', []))
            except (KeyError, TypeError) as e:
                problems.append('service without key %s: %r' % (e, s))
        if whole and got != saved:
            problems.append('services/destination counts %r differ from -S -n %r'
                            % (sorted(got.items()), sorted(saved.items())))
        if single:
            if len(got) != 1:
                problems.append('%d services for a one-service listing' % len(got))
            for k, n in got.items():
                if saved.get(k) != n:
                    problems.append('service %r with %d destinations is not in -S -n %r'
                                    % (k, n, sorted(saved.items())))
    return problems


def main():
    for p in sys.argv[1:]:
        try:
            problems = check(p)
        except Exception as e:  # a broken file is a failed case, not a crash
            problems = ['checker error: %r' % e]
        if problems:
            for m in problems:
                print('%s: %s' % (p, m))
        else:
            print('OK %s' % p)


main()
