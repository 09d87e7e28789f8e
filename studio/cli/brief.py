"""``motif-studio brief new|validate|pack|sign|verify``: a brand's brief, from a starter file
to a signed package, headless."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from studio.cli.passphrase import add_passphrase_options, read_passphrase
from studio.i18n import _


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "brief",
        help=_("write, validate, pack, sign and verify briefs"),
        description=_(
            "Author briefs: start one, list every problem in it, pack it with its "
            "assets into a .brief, sign the package with a brand key, verify a "
            "signature."
        ),
    )
    cmds = p.add_subparsers(dest="brief_command", metavar="ACTION", required=True)

    new = cmds.add_parser("new", help=_("write a starter .brief.json"))
    new.add_argument("output", metavar="OUT.brief.json")
    new.add_argument("--kind", choices=("tshirt", "ad"), required=True)
    new.add_argument("--id", dest="brief_id", required=True, help=_("e.g. fraise-club.summer-tee"))
    new.add_argument("--title", required=True)
    new.add_argument("--size", help=_("canvas WIDTHxHEIGHT with a unit, e.g. 12x16in, 1080x1080px"))
    new.add_argument("--dpi", type=float)
    new.add_argument("--brand", default="", help=_("brand name (default: the id's prefix)"))
    new.add_argument("--force", action="store_true", help=_("overwrite OUT"))
    new.set_defaults(func=run_new)

    val = cmds.add_parser("validate", help=_("list every problem of a brief"))
    val.add_argument("brief", metavar="BRIEF")
    val.add_argument("--format", choices=("text", "json"), default="text")
    val.set_defaults(func=run_validate)

    pack = cmds.add_parser("pack", help=_("pack a .brief.json and its assets into a .brief"))
    pack.add_argument("brief", metavar="BRIEF.brief.json")
    pack.add_argument("-o", "--output", metavar="OUT.brief")
    pack.set_defaults(func=run_pack)

    sign = cmds.add_parser("sign", help=_("sign a .brief package with a brand key"))
    sign.add_argument("package", metavar="PACKAGE")
    sign.add_argument("--key", required=True, metavar="NAME", help=_("a key made by 'keys new'"))
    sign.add_argument("--signer", help=_("signer name shown to creators (default: the brand)"))
    sign.add_argument("-o", "--output", metavar="OUT.brief", help=_("default: sign in place"))
    sign.add_argument("--force", action="store_true", help=_("sign even if validate finds errors"))
    add_passphrase_options(sign)
    sign.set_defaults(func=run_sign)

    ver = cmds.add_parser(
        "verify",
        help=_("check a package's signature"),
        description=_(
            "Exit status: 0 signed and intact, 1 invalid, 3 unsigned, 2 "
            "unreadable; with --trust, 4 when the brand's key changed."
        ),
    )
    ver.add_argument(
        "--trust",
        action="store_true",
        help=_("also check the key against the brands seen before (and remember a new brand)"),
    )
    ver.add_argument("package", metavar="PACKAGE")
    ver.add_argument(
        "--expect-fingerprint", metavar="HEX", help=_("fail unless signed by this key")
    )
    ver.add_argument("--format", choices=("text", "json"), default="text")
    ver.set_defaults(func=run_verify)


def run_new(args: argparse.Namespace) -> int:
    from studio.brands.authoring import dump_brief, starter_brief
    from studio.errors import InputError
    from studio.fsutil import atomic_write

    out = Path(args.output)
    if out.exists() and not args.force:
        raise InputError(out, _("exists already (use --force to overwrite)"))
    raw = starter_brief(args.kind, args.brief_id, args.title, args.size, args.dpi, args.brand)
    atomic_write(out, dump_brief(raw))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from studio.brands.validate import validate_brief_file

    problems = validate_brief_file(args.brief)
    errors = sum(p.severity == "error" for p in problems)
    if args.format == "json":
        body = {
            "brief": args.brief,
            "valid": errors == 0,
            "problems": [p._asdict() for p in problems],
        }
        print(json.dumps(body, indent=2, ensure_ascii=False))
    else:
        for p in problems:
            print(f"{args.brief}: {p.path}: {p.severity}: {p.message}")
        warnings = len(problems) - errors
        counts = _("{errors} error(s), {warnings} warning(s)")
        print(counts.format(errors=errors, warnings=warnings), file=sys.stderr)
    return 1 if errors else 0


def _default_package_name(path: Path) -> Path:
    name = path.name.removesuffix(".json").removesuffix(".brief")
    return path.with_name(name + ".brief")


def run_pack(args: argparse.Namespace) -> int:
    from studio.brands.authoring import pack_brief

    source = Path(args.brief)
    out = Path(args.output) if args.output else _default_package_name(source)
    pack_brief(source, out)
    print(out)
    return 0


def run_sign(args: argparse.Namespace) -> int:
    import tempfile

    from studio.brands.authoring import collect_package, zip_entries
    from studio.brands.keys import load_private_key
    from studio.brands.signing import fingerprint, group_fingerprint, sign_package
    from studio.brands.validate import validate_brief_file
    from studio.brief import load_brief
    from studio.fsutil import atomic_write

    source = Path(args.package)
    out = Path(args.output) if args.output else source
    key = load_private_key(args.key, read_passphrase(args))
    with tempfile.TemporaryDirectory() as tmp:
        package = source
        if not _is_zip(source):  # a bare .brief.json: pack it first
            package = Path(tmp) / "packed.brief"
            package.write_bytes(zip_entries(collect_package(source)))
            if not args.output:
                out = _default_package_name(source)
        brief = load_brief(package)  # sign only what creators can open...
        errors = [p for p in validate_brief_file(package) if p.severity == "error"]
        if errors and not args.force:  # ...and what makes sense
            for p in errors:
                print(f"{args.package}: {p.path}: error: {p.message}", file=sys.stderr)
            print(_("not signed: fix these problems first (or sign with --force)"), file=sys.stderr)
            return 1
        data = sign_package(package, key, args.signer or brief.brand_name or args.key)
    atomic_write(out, data)
    print(
        _("{file}: signed by {signer}").format(
            file=out, signer=args.signer or brief.brand_name or args.key
        )
    )
    print(
        _("fingerprint: {fingerprint}").format(
            fingerprint=group_fingerprint(fingerprint(key.public_key()))
        )
    )
    return 0


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4).startswith(b"PK")
    except OSError:
        return False


def run_verify(args: argparse.Namespace) -> int:
    from studio.brands.signing import group_fingerprint, verify_brief_package
    from studio.errors import InputError

    if not Path(args.package).is_file():
        raise InputError(args.package, _("no such file"))
    status = verify_brief_package(args.package)
    state, reason = status.state, status.reason
    wanted = (args.expect_fingerprint or "").replace(" ", "").replace(":", "").lower()
    if state == "signed" and wanted and wanted != status.fingerprint:
        state, reason = "invalid", _("signed by another key than the one expected")
    decision = None
    if args.trust and state == "signed":
        from studio.brands.trust import TrustStore
        from studio.brief import load_brief

        decision = TrustStore().decide(load_brief(args.package), status)
    if args.format == "json":
        body = {"package": args.package, **status.__dict__, "state": state, "reason": reason}
        if decision:
            body["trust"] = {"state": decision.state, "message": decision.message}
        print(json.dumps(body, indent=2, ensure_ascii=False))
    else:
        line = f"{args.package}: {state}"
        if status.fingerprint:
            line += _(" by {signer}, key {key}").format(
                signer=repr(status.signer), key=group_fingerprint(status.fingerprint)
            )
        print(line + (f" ({reason})" if reason else ""))
        if decision:
            print(decision.message)
    if decision and decision.state == "key-changed":
        return 4
    return {"signed": 0, "invalid": 1}.get(state, 3)
