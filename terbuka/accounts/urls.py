from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from terbuka.accounts import forms, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("token/", views.token_create, name="token_create"),
    path("token/<int:token_id>/cabut/", views.token_revoke, name="token_revoke"),
    path(
        "sandi/ubah/",
        auth_views.PasswordChangeView.as_view(
            form_class=forms.PasswordChangeForm,
            template_name="accounts/password_change_form.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "sandi/ubah/selesai/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "sandi/lupa/",
        auth_views.PasswordResetView.as_view(
            form_class=forms.PasswordResetForm,
            template_name="accounts/password_reset_form.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "sandi/atur/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=forms.SetPasswordForm,
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
