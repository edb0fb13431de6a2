#!/usr/bin/env python3
"""Etäpiste netlab: a netem stand-in for kernels without sch_netem (see test/netlab/README.md).

Packets that iptables sends to NFQUEUE (--queue-num N) are held for DELAY ms (+/- JITTER) and
dropped with LOSS percent probability, or all dropped while "down". Talks raw nfnetlink with the
Python standard library only (no libnetfilter_queue, nothing to build).

stdin takes commands, one per line: "delay 100", "jitter 5", "loss 10", "down", "up".
Every applied command is acknowledged on stdout as "ok <json config>". The helper prints
"ready <queue>" once bound and exits when stdin closes.
"""
import argparse
import heapq
import json
import os
import random
import select
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET, NFQNL_MSG_VERDICT, NFQNL_MSG_CONFIG = 0, 1, 2
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NF_DROP, NF_ACCEPT = 0, 1


def nla(kind, payload):
    length = 4 + len(payload)
    return struct.pack('=HH', length, kind) + payload + b'\0' * (-length % 4)


def message(mtype, queue, attrs, flags=NLM_F_REQUEST):
    body = struct.pack('!BBH', socket.AF_UNSPEC, 0, queue) + b''.join(attrs)
    return struct.pack('=IHHII', 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | mtype, flags, 0, 0) + body


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--queue', type=int, default=0)
    parser.add_argument('--delay', type=float, default=0, help='ms each queued packet is held')
    parser.add_argument('--jitter', type=float, default=0, help='ms, uniform +/- (reorders like netem)')
    parser.add_argument('--loss', type=float, default=0, help='percent dropped')
    args = parser.parse_args()
    config = {'delay': args.delay, 'jitter': args.jitter, 'loss': args.loss, 'down': False}

    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    sock.bind((0, 0))
    ack = NLM_F_REQUEST | NLM_F_ACK
    sock.send(message(NFQNL_MSG_CONFIG, args.queue, [nla(1, struct.pack('!BxH', 1, socket.AF_INET))], ack))  # CMD BIND
    sock.send(message(NFQNL_MSG_CONFIG, args.queue, [nla(2, struct.pack('!IB', 0, 1)),  # copy meta only (ids)
                                                     nla(3, struct.pack('!I', 20000))], ack))  # queue length

    def verdict(packet_id, value):
        sock.send(message(NFQNL_MSG_VERDICT, args.queue, [nla(2, struct.pack('!II', value, packet_id))]))

    held, sequence, acks = [], 0, 0
    while True:
        now = time.monotonic()
        while held and held[0][0] <= now:
            verdict(heapq.heappop(held)[2], NF_ACCEPT)
        timeout = max(0, held[0][0] - now) if held else 1
        readable, _, _ = select.select([sock, sys.stdin], [], [], timeout)
        if sys.stdin in readable:
            chunk = os.read(0, 4096)  # not readline(): its buffer would hide lines from select()
            if not chunk:
                return 0
            for words in (line.split() for line in chunk.decode().splitlines() if line.strip()):
                if words[0] in ('delay', 'jitter', 'loss'):
                    config[words[0]] = float(words[1])
                elif words[0] in ('down', 'up'):
                    config['down'] = words[0] == 'down'
                print('ok', json.dumps(config), flush=True)
        if sock not in readable:
            continue
        try:
            data = sock.recv(1 << 16)
        except OSError as error:  # ENOBUFS when the socket buffer overflowed: packets were lost
            print('recv', error, file=sys.stderr, flush=True)
            continue
        offset = 0
        while offset + 16 <= len(data):
            length, kind = struct.unpack_from('=IH', data, offset)
            if length < 16:
                break
            if kind == 2:  # NLMSG_ERROR: 0 is the ACK of a config request
                code = struct.unpack_from('=i', data, offset + 16)[0]
                if code:
                    sys.exit('netlink error %d (is another helper bound to queue %d?)' % (code, args.queue))
                acks += 1
                if acks == 2:
                    print('ready', args.queue, flush=True)
            elif kind == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
                position, packet_id = offset + 20, None
                while position + 4 <= offset + length:
                    attr_length, attr_kind = struct.unpack_from('=HH', data, position)
                    if attr_length < 4:
                        break
                    if attr_kind & 0x3fff == 1:  # NFQA_PACKET_HDR: packet id first
                        packet_id = struct.unpack_from('!I', data, position + 4)[0]
                    position += (attr_length + 3) & ~3
                if packet_id is not None:
                    if config['down'] or random.random() * 100 < config['loss']:
                        verdict(packet_id, NF_DROP)
                    else:
                        jitter = random.uniform(-config['jitter'], config['jitter']) if config['jitter'] else 0
                        sequence += 1
                        heapq.heappush(held, (time.monotonic() + max(config['delay'] + jitter, 0) / 1000, sequence, packet_id))
            offset += (length + 3) & ~3


if __name__ == '__main__':
    sys.exit(main())
