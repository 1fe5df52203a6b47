"""Sign-in, own account, people pages and user/team administration."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import services
from app.accounts.forms import ChangePasswordForm, ConfirmForm, LoginForm, ResetPasswordForm, TeamForm, UserForm
from app.accounts.models import Role, Team, User
from app.accounts.permissions import require
from app.accounts.person_links import person_links
from app.core.domain import DomainError, apply_to_form
from app.extensions import db

bp = Blueprint("accounts", __name__, template_folder="templates")


def safe_next(target: str | None, default: str) -> str:
    """Only same-site relative redirects are followed."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return default


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm()
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except DomainError as error:
            db.session.commit()  # keep the failure counter
            flash(error.message, "danger")
        else:
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next"), url_for("core.home")))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash(_("Вы вышли из системы."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_own_password(current_user, form.current_password.data, form.new_password.data)
        except DomainError as error:
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Пароль изменён."), "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/account.html", form=form)


@bp.get("/people/<int:user_id>")
@login_required
def person(user_id: int):
    user = db.get_or_404(User, user_id)
    require("view", user)
    return render_template("accounts/person.html", person=user, links=person_links(user, current_user))


@bp.get("/admin/users")
@login_required
def users():
    require("manage_users")
    return render_template("accounts/users.html", users=services.list_users(), confirm=ConfirmForm())


@bp.route("/admin/users/new", methods=["GET", "POST"], defaults={"user_id": None})
@bp.route("/admin/users/<int:user_id>/edit", methods=["GET", "POST"])
@login_required
def edit_user(user_id: int | None):
    require("manage_users")
    user = db.get_or_404(User, user_id) if user_id else None
    form = UserForm(obj=user)
    form.set_choices(services.list_teams())
    if user is not None:
        del form.password  # passwords change through the reset page
    if user is not None and request.method == "GET":
        form.role.data = user.role.value
    if form.validate_on_submit():
        try:
            if user is None:
                user, password = services.create_user(form.as_data(), form.password.data or None)
                flash(_("Пользователь создан. Пароль для первого входа: %(p)s", p=password), "success")
            else:
                services.update_user(user, form.as_data())
                flash(_("Изменения сохранены."), "success")
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            return redirect(url_for("accounts.users"))
    return render_template("accounts/user_form.html", form=form, user=user)


@bp.route("/admin/users/<int:user_id>/password", methods=["GET", "POST"])
@login_required
def reset_password(user_id: int):
    require("manage_users")
    user = db.get_or_404(User, user_id)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        password = services.reset_password(user, form.password.data or None)
        db.session.commit()
        flash(_("Новый пароль для %(name)s: %(p)s", name=user.full_name, p=password), "success")
        return redirect(url_for("accounts.users"))
    return render_template("accounts/reset_password.html", form=form, user=user)


@bp.post("/admin/users/<int:user_id>/active")
@login_required
def toggle_active(user_id: int):
    require("manage_users")
    user = db.get_or_404(User, user_id)
    if ConfirmForm().validate_on_submit():
        try:
            services.set_active(user, not user.active, current_user)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
        else:
            db.session.commit()
            flash(_("Учётная запись включена.") if user.active else _("Учётная запись отключена."), "success")
    return redirect(url_for("accounts.users"))


@bp.get("/admin/teams")
@login_required
def teams():
    require("manage_users")
    return render_template("accounts/teams.html", teams=services.list_teams())


@bp.route("/admin/teams/new", methods=["GET", "POST"], defaults={"team_id": None})
@bp.route("/admin/teams/<int:team_id>/edit", methods=["GET", "POST"])
@login_required
def edit_team(team_id: int | None):
    require("manage_users")
    team = db.get_or_404(Team, team_id) if team_id else None
    form = TeamForm(obj=team)
    supervisors = [u for u in services.list_users(include_inactive=False) if u.role == Role.SUPERVISOR]
    form.supervisor_id.choices = [(None, "—")] + [(u.id, u.full_name) for u in supervisors]
    if form.validate_on_submit():
        try:
            services.save_team(team, form.name.data, form.supervisor_id.data)
        except DomainError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            db.session.commit()
            flash(_("Команда сохранена."), "success")
            return redirect(url_for("accounts.teams"))
    return render_template("accounts/team_form.html", form=form, team=team)
